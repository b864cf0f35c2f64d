package xmppapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// whoisAnyone is the owner form a bridge submits when its join created
// the brewery room (jicoco MucClient).
var whoisAnyone = map[string][]string{"muc#roomconfig_whois": {"anyone"}}

// session is one logged-in connection: its IQ handlers, its Colibri2
// worker and its rooms.
type session struct {
	c     *connector
	cl    *xmpp.Client
	mux   *muc.Mux
	log   *slog.Logger
	rooms []*muc.Room

	queue   chan colibriRequest
	ctx     context.Context // ends with the session: stops the worker
	cancel  context.CancelFunc
	workers sync.WaitGroup
}

func newSession(c *connector, cl *xmpp.Client, mux *muc.Mux) *session {
	s := &session{c: c, cl: cl, mux: mux, log: c.log.With("jid", cl.JID().String()),
		queue: make(chan colibriRequest, c.cfg.ColibriQueue)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.register()
	s.workers.Add(1)
	go s.colibriWorker()
	return s
}

// stop ends the worker; requests still queued are dropped with the
// connection.
func (s *session) stop() {
	s.cancel()
	s.workers.Wait()
}

// joinAll joins every muc_jids room with the stats presence.
func (s *session) joinAll(ctx context.Context) error {
	for _, room := range s.c.x.MUCJIDs {
		st, err := s.statsElement(false)
		if err != nil {
			return err
		}
		r, err := s.mux.Join(ctx, s.cl, room, muc.Options{
			Nick: s.c.x.MUCNickname, Extensions: []*xmpp.Element{st}, Configure: whoisAnyone,
		})
		if err != nil {
			return fmt.Errorf("xmppapi: join %s as %s: %w", room, s.c.x.MUCNickname, err)
		}
		s.rooms = append(s.rooms, r)
	}
	return nil
}

func (s *session) occupantJIDs() []string {
	out := make([]string, len(s.rooms))
	for i, r := range s.rooms {
		out[i] = r.Self().OccupantJID
	}
	return out
}

// timers are the session's first presence and ping deadlines.
type timers struct{ presence, ping <-chan time.Time }

// startTimers arms the timers before the session is reported connected.
func (s *session) startTimers() timers {
	return timers{presence: s.c.cfg.Clock.After(s.c.cfg.PresenceInterval), ping: s.c.cfg.Clock.After(s.c.cfg.PingInterval)}
}

// loop re-sends the presence every interval and pings the server until
// the session ends.
func (s *session) loop(ctx context.Context, t timers) error {
	clk := s.c.cfg.Clock
	lost := make(chan error, len(s.rooms))
	for _, r := range s.rooms {
		go func() {
			<-r.Done()
			lost <- fmt.Errorf("%w: %s: %w", ErrRoomLost, r.JID(), r.Err())
		}()
	}
	presence, ping := t.presence, t.ping
	pong := make(chan error, 1)
	for {
		select {
		case <-ctx.Done():
			s.leave()
			return nil
		case <-s.cl.Done():
			return fmt.Errorf("xmppapi: connection lost: %w", s.cl.Err())
		case err := <-lost:
			return err
		case <-presence:
			if err := s.publish(ctx, false); err != nil {
				return err
			}
			presence = clk.After(s.c.cfg.PresenceInterval)
			s.c.update(func(st *State) { st.Presences++ })
		case <-ping:
			go func() { pong <- s.ping(ctx) }()
		case err := <-pong:
			if err != nil {
				return err
			}
			ping = clk.After(s.c.cfg.PingInterval)
		}
	}
}

// publish sends the current stats to every room.
func (s *session) publish(ctx context.Context, shutdown bool) error {
	st, err := s.statsElement(shutdown)
	if err != nil {
		return err
	}
	for _, r := range s.rooms {
		if err := r.SetPresence(ctx, st); err != nil {
			return fmt.Errorf("xmppapi: presence to %s: %w", r.JID(), err)
		}
	}
	return nil
}

// leave publishes graceful_shutdown and shutting_down, then leaves every
// room, within LeaveTimeout.
func (s *session) leave() {
	ctx, cancel := clockContext(context.Background(), s.c.cfg.Clock, s.c.cfg.LeaveTimeout)
	defer cancel()
	if err := s.publish(ctx, true); err != nil {
		s.log.Warn("shutdown presence", "err", err)
	}
	for _, r := range s.rooms {
		if err := r.Leave(ctx); err != nil {
			s.log.Warn("leave", "room", r.JID(), "err", err)
		}
	}
	s.log.Info("left the brewery")
}

// ping is the XEP-0199 keepalive to the server: an error reply still
// proves the connection alive; no reply within PingTimeout fails it.
func (s *session) ping(ctx context.Context) error {
	pctx, cancel := clockContext(ctx, s.c.cfg.Clock, s.c.cfg.PingTimeout)
	defer cancel()
	s.c.update(func(st *State) { st.Pings++ })
	iq := xmpp.NewIQ("get", "", "", s.cl.JID().Domain().String(), xmpp.NewElement(xmpp.NSPing, "ping"))
	_, err := s.cl.SendIQ(pctx, iq)
	var se stanza.Error
	switch {
	case err == nil || errors.As(err, &se) || ctx.Err() != nil:
		return nil
	case errors.Is(context.Cause(pctx), context.DeadlineExceeded):
		return fmt.Errorf("%w after %v", ErrPingTimeout, s.c.cfg.PingTimeout)
	}
	return fmt.Errorf("xmppapi: ping: %w", err)
}
