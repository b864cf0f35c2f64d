package xmppapi

import (
	"context"
	"crypto/x509"
	"fmt"
	"sync"

	"github.com/jitsi-go/jitsi-go/colibri"
)

// Bridge is what the XMPP side needs from the videobridge (bridge.Bridge
// implements it).
type Bridge interface {
	// HandleColibri2 answers a conference-modify from the full JID from.
	HandleColibri2(ctx context.Context, from string, req colibri.ConferenceModifyIQ) colibri.ConferenceModifiedIQ
	// HandleHealthCheck runs the health check and answers req.
	HandleHealthCheck(req colibri.HealthCheckIQ) colibri.HealthCheckIQ
	// Stats are the brewery presence statistics.
	Stats() *colibri.Stats
}

// Service runs one connector per configured xmpp-client.
type Service struct {
	cfg        Config
	connectors []*connector

	mu      sync.Mutex
	started bool
	stopped bool
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	changedMu sync.Mutex
	changed   chan struct{}
}

// New checks cfg and prepares the connectors; Start runs them.
func New(cfg Config, b Bridge) (*Service, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Service{cfg: cfg, changed: make(chan struct{})}
	for _, x := range cfg.Clients {
		s.connectors = append(s.connectors, newConnector(cfg, x, b, s.notify))
	}
	return s, nil
}

// Start connects every client in the background; they reconnect until Stop.
func (s *Service) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return ErrStopped
	}
	if s.started {
		return nil
	}
	s.started = true
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	for _, c := range s.connectors {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			c.run(ctx)
		}()
	}
	return nil
}

// Stop publishes graceful_shutdown, leaves every brewery room and closes
// the connections; it returns when all did or ctx ended.
func (s *Service) Stop(ctx context.Context) error {
	s.mu.Lock()
	s.stopped = true
	cancel := s.cancel
	s.mu.Unlock()
	if cancel == nil {
		return nil
	}
	cancel()
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("xmppapi: stop: %w", ctx.Err())
	}
}

// SetRootCAs replaces the pool that verifies server certificates from the
// next connection attempt on (after a certificate renewal).
func (s *Service) SetRootCAs(pool *x509.CertPool) {
	for _, c := range s.connectors {
		c.mu.Lock()
		c.roots = pool
		c.mu.Unlock()
	}
}

// States returns each client's connection state, in config order.
func (s *Service) States() []State {
	out := make([]State, len(s.connectors))
	for i, c := range s.connectors {
		out[i] = c.state()
	}
	return out
}

// Changed returns a channel closed at the next state change. Take it
// before reading States, then wait on it: no change is missed.
func (s *Service) Changed() <-chan struct{} {
	s.changedMu.Lock()
	defer s.changedMu.Unlock()
	return s.changed
}

func (s *Service) notify() {
	s.changedMu.Lock()
	close(s.changed)
	s.changed = make(chan struct{})
	s.changedMu.Unlock()
}
