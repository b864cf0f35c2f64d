package xmppapi

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/internal/clock"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// State is one xmpp-client's connection state.
type State struct {
	ID string
	// JID is the bound full JID while logged in.
	JID string
	// Rooms are our occupant JIDs in the joined brewery rooms.
	Rooms []string
	// Connected is true while logged in with every room joined.
	Connected bool
	// Attempts counts the connection attempts started so far.
	Attempts int
	// Sessions counts the sessions that got connected so far.
	Sessions int
	// Failures counts the attempts that failed since the last connected session.
	Failures int
	// Waiting is true while the connector waits out the backoff delay.
	Waiting bool
	// Presences counts the periodic presence updates of this session.
	Presences int
	// Pings counts the keepalive pings of this session.
	Pings int
	// LastError says why the last session or attempt ended.
	LastError string
}

// connector keeps one xmpp-client logged in and in its rooms.
type connector struct {
	cfg    Config
	x      config.XMPPClient
	b      Bridge
	log    *slog.Logger
	notify func()

	mu    sync.Mutex
	st    State
	roots *x509.CertPool
}

func newConnector(cfg Config, x config.XMPPClient, b Bridge, notify func()) *connector {
	return &connector{cfg: cfg, x: x, b: b, notify: notify,
		log: cfg.Logger.With("xmpp-client", x.ID), st: State{ID: x.ID}, roots: cfg.RootCAs}
}

func (c *connector) state() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.st
	s.Rooms = append([]string(nil), c.st.Rooms...)
	return s
}

func (c *connector) update(f func(*State)) {
	c.mu.Lock()
	f(&c.st)
	c.mu.Unlock()
	c.notify()
}

// run connects, serves and reconnects with capped exponential backoff
// until ctx ends.
func (c *connector) run(ctx context.Context) {
	delay := c.cfg.BackoffMin
	for {
		connected, err := c.session(ctx)
		if ctx.Err() != nil {
			c.update(func(s *State) { s.Connected, s.JID, s.Rooms = false, "", nil })
			return
		}
		if connected {
			delay = c.cfg.BackoffMin
		}
		c.log.Warn("xmpp session ended, reconnecting", "err", err, "delay", delay)
		// The timer exists before Waiting is published, so a test that
		// sees Waiting may advance a fake clock past it.
		wait := c.cfg.Clock.After(delay)
		c.update(func(s *State) {
			s.Connected, s.JID, s.Rooms, s.Waiting = false, "", nil, true
			s.LastError = errString(err)
			if !connected {
				s.Failures++
			}
		})
		select {
		case <-wait:
		case <-ctx.Done():
			return
		}
		c.update(func(s *State) { s.Waiting = false })
		delay = min(2*delay, c.cfg.BackoffMax)
	}
}

// session logs in, joins the rooms and serves until the connection or a
// room is lost (error) or ctx ends (graceful leave, nil). connected says
// whether it got as far as being in every room.
func (c *connector) session(ctx context.Context) (connected bool, err error) {
	c.update(func(st *State) { st.Attempts++ })
	mux := muc.NewMux()
	dctx, cancel := clockContext(ctx, c.cfg.Clock, c.cfg.DialTimeout)
	defer cancel()
	cl, err := c.dial(dctx, mux)
	if err != nil {
		return false, err
	}
	defer cl.Close()
	s := newSession(c, cl, mux)
	defer s.stop()
	if err := s.joinAll(dctx); err != nil {
		return false, err
	}
	cancel()
	t := s.startTimers()
	c.log.Info("joined the brewery", "jid", cl.JID().String(), "rooms", len(s.rooms))
	c.update(func(st *State) {
		st.Connected, st.JID, st.Rooms = true, cl.JID().String(), s.occupantJIDs()
		st.Sessions++
		st.Failures, st.Presences, st.Pings, st.LastError = 0, 0, 0, ""
	})
	return true, s.loop(ctx, t)
}

// dial connects to hostname:port and logs in, with STARTTLS unless
// security_mode is disabled; required (the default) refuses a server that
// does not offer it.
func (c *connector) dial(ctx context.Context, mux *muc.Mux) (*xmpp.Client, error) {
	var secured atomic.Bool
	var tlsCfg *tls.Config
	if c.x.SecurityMode != "disabled" {
		c.mu.Lock()
		roots := c.roots
		c.mu.Unlock()
		tlsCfg = &tls.Config{
			ServerName: c.x.Domain, RootCAs: roots, MinVersion: tls.VersionTLS12,
			InsecureSkipVerify: c.x.DisableCertificateVerification, //nolint:gosec // disable_certificate_verification
			VerifyConnection:   func(tls.ConnectionState) error { secured.Store(true); return nil },
		}
	}
	addr := net.JoinHostPort(c.x.Hostname, strconv.Itoa(c.x.Port))
	cl, err := xmpp.DialTCP(ctx, addr, xmpp.Config{
		Domain: c.x.Domain, Username: c.x.Username, Password: c.x.Password, TLS: tlsCfg,
		OnStanza: func(e *xmpp.Element) { mux.Handle(e) },
	})
	if err != nil {
		return nil, fmt.Errorf("xmppapi: log in to %s as %s@%s: %w", addr, c.x.Username, c.x.Domain, err)
	}
	if tlsCfg != nil && c.x.SecurityMode != "ifpossible" && !secured.Load() {
		_ = cl.Close()
		return nil, fmt.Errorf("%w: %s offers no STARTTLS and security_mode is required", ErrConfig, addr)
	}
	return cl, nil
}

// clockContext is a context that ends after d on clk (or with parent).
func clockContext(parent context.Context, clk clock.Clock, d time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	fire := clk.After(d)
	go func() {
		select {
		case <-fire:
			cancel(context.DeadlineExceeded)
		case <-ctx.Done():
		}
	}()
	return ctx, func() { cancel(context.Canceled) }
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
