package xmppapi

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
)

// session is one client connection as focus@auth.<domain>/focus with
// everything that lives on it: the conference rooms and the brewery.
type session struct {
	svc  *Service
	c    *xmpp.Client
	join joinFunc
	sig  signaller
	log  *slog.Logger

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// dialed is closed once c, sig and join are set; stanzas the reader
	// hands over before that wait for it.
	dialed chan struct{}

	mu    sync.Mutex
	rooms map[string]*roomSession
}

// dial logs in and registers the handlers; the session is not available
// (and joins nothing) until run.
func (s *Service) dial(ctx context.Context) (*session, error) {
	c := s.cfg.Client
	sess := &session{svc: s, log: s.log.With("xmpp", "client"), rooms: map[string]*roomSession{}, dialed: make(chan struct{})}
	sess.ctx, sess.cancel = context.WithCancel(ctx)
	mux := newRouter(sess)
	dctx, cancel := withTimeout(ctx, s.clk, s.opts.replyTimeout())
	defer cancel()
	client, err := xmpp.DialTCP(dctx, s.opts.ClientAddr, xmpp.Config{
		Domain: c.Domain, Username: c.Username, Password: c.Password,
		Resource: first(c.Resource, c.Username), TLS: s.tls, OnStanza: mux.onStanza,
	})
	if err != nil {
		sess.cancel()
		return nil, fmt.Errorf("xmppapi: login as %s@%s: %w", c.Username, c.Domain, err)
	}
	sess.c, sess.sig, sess.join = client, signaller{c: client}, mux.join(client)
	sess.log = sess.log.With("jid", client.JID().String())
	client.Handle(colibri.NSFocus, "conference", s.conferenceIQHandler(client, true))
	client.Handle(nsJingle, "jingle", sess.jingleHandler)
	for _, ns := range []string{colibri.NSMuteAudio, colibri.NSMuteVideo, colibri.NSMuteDesktop} {
		client.Handle(ns, "mute", sess.muteHandler)
	}
	client.Handle(xmpp.NSDiscoInfo, "query", discoInfoHandler)
	close(sess.dialed)
	return sess, nil
}

// run makes the session available, joins the brewery and serves until the
// connection drops or ctx is done.
func (sess *session) run(ctx context.Context, up func()) {
	defer sess.close()
	if err := sess.c.Send(sess.ctx, xmpp.NewElement(xmpp.NSClient, "presence")); err != nil {
		sess.log.Error("initial presence", "err", err)
		return
	}
	sess.log.Info("xmpp client connected")
	if err := sess.joinBrewery(); err != nil {
		sess.log.Error("brewery join failed; no bridges until reconnect", "brewery", sess.svc.cfg.Bridge.BreweryJID, "err", err)
	}
	sess.wg.Add(1)
	go func() {
		defer sess.wg.Done()
		sess.keepalive()
	}()
	up()
	select {
	case <-sess.c.Done():
		sess.log.Warn("xmpp client connection lost", "err", sess.c.Err())
	case <-ctx.Done():
	}
}

// close ends every room session (their conferences end with them) and the
// connection.
func (sess *session) close() {
	sess.mu.Lock() // roomFor adds to wg under mu while ctx is live
	sess.cancel()
	sess.mu.Unlock()
	sess.wg.Wait()
	_ = sess.c.Close()
}

// onPresence accepts the client_proxy's presence subscription, so that
// mod_client_proxy sees the focus available.
func (sess *session) onPresence(e *xmpp.Element) {
	if e.Get("type") != "subscribe" {
		return
	}
	select {
	case <-sess.dialed:
	case <-sess.ctx.Done():
		return
	}
	from, err := jid.Parse(e.Get("from"))
	if err != nil || from.Domainpart() != sess.svc.cfg.Client.ClientProxy {
		return
	}
	reply := xmpp.NewElement(xmpp.NSClient, "presence", "type", "subscribed", "to", from.Bare().String())
	if err := sess.c.Send(sess.ctx, reply); err == nil {
		sess.log.Info("accepted presence subscription", "from", from.String())
	}
}

// healthChecker returns the brewery health checker, or nil when health
// checks are off or presence-based.
func (sess *session) healthChecker() *brewery.HealthChecker {
	hc := sess.svc.cfg.Bridge.HealthChecks
	if !hc.Enabled || hc.UsePresence {
		return nil
	}
	return &brewery.HealthChecker{Registry: sess.svc.registry, Check: sess.sig.healthCheck,
		Clock: sess.svc.clk, Interval: hc.Interval, RetryDelay: hc.RetryDelay, Timeout: sess.svc.opts.replyTimeout()}
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
