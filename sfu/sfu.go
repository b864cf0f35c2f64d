package sfu

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// SFU owns the shared UDP socket and every conference on it.
type SFU struct {
	cfg         Config
	conn        *net.UDPConn
	local       netip.AddrPort
	hostAddrs   []netip.Addr
	cert        tls.Certificate
	fingerprint string
	events      *eventQueue
	ctx         context.Context
	cancel      context.CancelFunc
	wg          sync.WaitGroup

	mu          sync.Mutex
	conferences map[string]*Conference
	byUfrag     map[string]*Endpoint

	addrMu sync.RWMutex
	byAddr map[netip.AddrPort]*Endpoint

	txMu      sync.Mutex
	pendingTx map[[12]byte]*Endpoint

	lastTick atomic.Int64
	closed   atomic.Bool
	stats    counters
}

// New binds the UDP socket and starts the reader and control goroutines.
func New(cfg Config) (*SFU, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cert, fp, err := loadCertificate(cfg.Certificate)
	if err != nil {
		return nil, err
	}
	network := "udp4"
	if cfg.ListenAddr.Addr().Is6() {
		network = "udp6"
	}
	conn, err := net.ListenUDP(network, net.UDPAddrFromAddrPort(cfg.ListenAddr))
	if err != nil {
		return nil, fmt.Errorf("sfu: listen %v: %w", cfg.ListenAddr, err)
	}
	_ = conn.SetReadBuffer(4 << 20)
	_ = conn.SetWriteBuffer(4 << 20)
	s := &SFU{
		cfg: cfg, conn: conn, cert: cert, fingerprint: fp,
		local:       conn.LocalAddr().(*net.UDPAddr).AddrPort(),
		events:      newEventQueue(cfg.EventBuffer),
		conferences: map[string]*Conference{},
		byUfrag:     map[string]*Endpoint{},
		byAddr:      map[netip.AddrPort]*Endpoint{},
		pendingTx:   map[[12]byte]*Endpoint{},
	}
	s.hostAddrs, err = hostAddresses(cfg.HostAddrs, s.local.Addr())
	if err != nil {
		conn.Close()
		return nil, err
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.lastTick.Store(cfg.Clock.Now().UnixNano())
	s.wg.Add(2)
	go s.readLoop()
	go s.controlLoop()
	return s, nil
}

// LocalAddr is the bound UDP address.
func (s *SFU) LocalAddr() netip.AddrPort { return s.local }

// Events delivers dominant-speaker, forwarded-sources and transport events.
// The channel is bounded; events are dropped (and counted) when nobody reads.
func (s *SFU) Events() <-chan Event { return s.events.ch }

// Healthy reports whether the socket is open and the control loop ticked
// recently (the forwarding loop exits only when the socket closes).
func (s *SFU) Healthy() bool {
	if s.closed.Load() {
		return false
	}
	last := time.Unix(0, s.lastTick.Load())
	return s.cfg.Clock.Now().Sub(last) < 50*s.cfg.TickInterval+time.Second
}

// Close expires every conference and closes the socket.
func (s *SFU) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	for _, c := range s.Conferences() {
		c.Expire()
	}
	s.cancel()
	err := s.conn.Close()
	s.wg.Wait()
	return err
}

// Conference returns a conference by id.
func (s *SFU) Conference(id string) (*Conference, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.conferences[id]
	return c, ok
}

// Conferences returns a snapshot of all conferences.
func (s *SFU) Conferences() []*Conference {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Conference, 0, len(s.conferences))
	for _, c := range s.conferences {
		out = append(out, c)
	}
	return out
}

// CreateConference creates a conference with fresh feedback SSRCs.
func (s *SFU) CreateConference(id string) (*Conference, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.conferences[id]; ok {
		return nil, fmt.Errorf("%w: %q", ErrConferenceExists, id)
	}
	c := newConference(s, id)
	s.conferences[id] = c
	return c, nil
}

func (s *SFU) removeConference(c *Conference) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conferences[c.id] == c {
		delete(s.conferences, c.id)
	}
}

func (s *SFU) controlLoop() {
	defer s.wg.Done()
	t := time.NewTicker(s.cfg.TickInterval)
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
			now := s.cfg.Clock.Now()
			s.lastTick.Store(now.UnixNano())
			for _, c := range s.Conferences() {
				c.tick(now)
			}
		}
	}
}

func (s *SFU) isClosedErr(err error) bool {
	return errors.Is(err, net.ErrClosed) || s.closed.Load()
}

// coarseNow is the control loop's last tick in Unix ns: a clock for the
// hot path that costs one atomic load.
func (s *SFU) coarseNow() int64 { return s.lastTick.Load() }
