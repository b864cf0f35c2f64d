package xmppapi

import (
	"context"
	"crypto/tls"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/focus"
	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// maxPendingRequests bounds the conference requests being answered at once.
const maxPendingRequests = 1024

// Service is the focus's XMPP side: the client session (reconnected when
// it drops), the optional component, the conference hub and the bridge
// registry.
type Service struct {
	opts     Options
	cfg      *config.Jicofo
	log      *slog.Logger
	clk      clock.Clock
	tls      *tls.Config
	hub      *focus.Hub
	registry *brewery.Registry
	strategy brewery.Strategy
	caps     *capsCache
	pending  chan struct{}

	sess          atomic.Pointer[session]
	componentUp   atomic.Bool
	confsCreated  atomic.Int64
	requestsTotal atomic.Int64
	state         notifier
	wg            sync.WaitGroup
}

// New checks the options and returns a Service; Run starts it.
func New(opts Options) (*Service, error) {
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	tc, err := opts.tlsConfig()
	if err != nil {
		return nil, err
	}
	strategy, err := brewery.StrategyByName(opts.Config.Bridge.SelectionStrategy)
	if err != nil {
		return nil, err
	}
	s := &Service{opts: opts, cfg: opts.Config, log: opts.Logger, clk: opts.Clock, tls: tc,
		strategy: strategy, caps: newCapsCache(), pending: make(chan struct{}, maxPendingRequests)}
	// WaitFor callers watch Rooms: a conference leaving the hub is a change.
	s.hub = focus.NewHub(s.state.changed)
	s.registry = brewery.NewRegistry(breweryConfig(opts.Config), opts.Clock, func(ev brewery.Event) {
		s.hub.Notify(ev)
		s.state.changed()
	})
	if opts.Config.Service.Enabled {
		s.log.Warn("jicofo.xmpp.service is not supported: bridges are reached over the client connection")
	}
	return s, nil
}

// Hub returns the running conferences.
func (s *Service) Hub() *focus.Hub { return s.hub }

// Registry returns the bridges seen in the brewery.
func (s *Service) Registry() *brewery.Registry { return s.registry }

// Connected reports whether the client session is up.
func (s *Service) Connected() bool { return s.sess.Load() != nil }

// ComponentConnected reports whether the external component is up.
func (s *Service) ComponentConnected() bool { return s.componentUp.Load() }

// Run keeps the client session (and the component, if configured)
// connected until ctx is done, then leaves every room and returns once all
// conferences have ended.
func (s *Service) Run(ctx context.Context) error {
	if s.opts.ComponentSecret != "" {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.runComponent(ctx)
		}()
	}
	s.runClient(ctx)
	s.wg.Wait()
	s.hub.Wait()
	return nil
}

// runClient dials the client session, runs it until it drops, and dials
// again after ReconnectDelay, until ctx is done.
func (s *Service) runClient(ctx context.Context) {
	for ctx.Err() == nil {
		sess, err := s.dial(ctx)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("xmpp client connection failed", "addr", s.opts.ClientAddr, "err", err)
			}
		} else {
			sess.run(ctx, func() {
				s.sess.Store(sess)
				s.state.changed()
			})
			s.sess.Store(nil)
			s.state.changed()
			s.dropBridges()
		}
		if !sleep(ctx, s.clk, s.opts.ReconnectDelay) {
			return
		}
	}
}

// dropBridges forgets every bridge when the brewery is lost with the
// connection, as jicofo does.
func (s *Service) dropBridges() {
	for _, b := range s.registry.Bridges() {
		s.registry.Remove(b.JID)
	}
}
