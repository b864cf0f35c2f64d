// Package server wires xmppd together: router, accounts, c2s over TCP,
// WebSocket and BOSH, MUC hosts, client proxies, external components and the
// admin listener, with Start/Shutdown and TLS reload.
package server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/jitsi-go/jitsi-go/xmppd/c2s"
	"github.com/jitsi-go/jitsi-go/xmppd/clock"
	"github.com/jitsi-go/jitsi-go/xmppd/component"
	"github.com/jitsi-go/jitsi-go/xmppd/local"
	"github.com/jitsi-go/jitsi-go/xmppd/muc"
	"github.com/jitsi-go/jitsi-go/xmppd/proxy"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
	"github.com/jitsi-go/jitsi-go/xmppd/store"
	"github.com/jitsi-go/jitsi-go/xmppd/web"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
	"mellium.im/xmpp/jid"
)

// Errors returned by the server.
var (
	ErrTLS    = errors.New("server: TLS configuration")
	ErrListen = errors.New("server: listen")
)

// Server is one xmppd instance.
type Server struct {
	cfg      xconfig.Config
	log      *slog.Logger
	clk      clock.Clock
	router   *router.Router
	store    *store.Store
	count    *c2s.Counters
	env      *c2s.Env
	tls      atomic.Pointer[tls.Config]
	mucs     []*muc.Service
	c2s      *c2s.Listener
	comp     *component.Listener
	web      *web.Handler
	httpSrv  *http.Server
	adminSrv *http.Server
	addrs    Addrs
	stopping atomic.Bool
}

// Addrs are the bound listener addresses ("" when disabled).
type Addrs struct{ C2S, Components, HTTP, Admin string }

// New builds a server from cfg; clk nil means the real clock.
func New(cfg xconfig.Config, log *slog.Logger, clk clock.Clock) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if clk == nil {
		clk = clock.Real{}
	}
	st, err := store.Open(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, clk: clk, store: st, count: &c2s.Counters{}}
	if err := s.ReloadTLS(); err != nil {
		return nil, err
	}
	s.build()
	return s, nil
}

func (s *Server) build() {
	hosts := map[string]c2s.HostConfig{}
	var names []string
	anon := map[string]bool{}
	for _, h := range s.cfg.Hosts {
		hosts[h.Name] = c2s.HostConfig{Anonymous: h.Auth == "anonymous", AllowPlain: h.AllowPlain}
		anon[h.Name] = h.Auth == "anonymous"
		names = append(names, h.Name)
	}
	s.router = router.New(names...)
	svcs := local.Services{}
	for _, m := range s.cfg.MUCs {
		svc := muc.New(muc.Config{Name: m.Name, Admins: m.Admins, RestrictCreation: m.RestrictCreation,
			Locking: m.Locking, PublicJIDs: m.PublicJIDs, MeetingID: m.MeetingID, AuthenticatedOnly: m.AuthenticatedOnly,
			HistoryLength: m.HistoryLength, MaxHistory: m.MaxHistory, Now: s.clk.Now,
			IsAnonymousHost: func(d string) bool { return anon[d] }}, s.router, s.log)
		s.router.AddService(m.Name, svc)
		s.mucs = append(s.mucs, svc)
		svcs[m.Name] = local.Identity{Category: "conference", Type: "text", Name: "Chatrooms"}
	}
	for _, p := range s.cfg.Proxies {
		name, _ := jid.Parse(p.Name)
		target, _ := jid.Parse(p.Target)
		s.router.AddService(p.Name, proxy.New(name, target, s.router))
		svcs[p.Name] = local.Identity{Category: "component", Type: "generic", Name: "client_proxy"}
	}
	local.Register(s.router, svcs, local.NewRoster())
	l := s.cfg.Limits
	s.env = (&c2s.Env{Router: s.router, Store: s.store, Hosts: hosts, TLS: s.currentTLS, Clock: s.clk,
		Log: s.log.With("svc", "c2s"), Count: s.count,
		Limits: c2s.Limits{MaxStanza: l.MaxStanza, AuthTimeout: l.AuthTimeout, QueueLen: l.QueueLen,
			RateBytes: l.RateBytes, RateBurst: l.RateBurst, MaxConns: l.MaxConns}}).Fill()
	s.web = web.New(s.env, web.Config{BOSHSecure: s.cfg.BOSHSecure, WSSecure: s.cfg.WSSecure, Origins: s.cfg.CORSOrigins})
}

// Router exposes the router (for tests and benchmarks).
func (s *Server) Router() *router.Router { return s.router }

// Store exposes the account store.
func (s *Server) Store() *store.Store { return s.store }

// Addrs returns the bound addresses after Start.
func (s *Server) Addrs() Addrs { return s.addrs }

// Start binds every configured listener and serves in the background.
func (s *Server) Start() error {
	if a := s.cfg.C2S; a != "" {
		ln, err := net.Listen("tcp", a)
		if err != nil {
			return fmt.Errorf("%w: c2s %s: %v", ErrListen, a, err)
		}
		s.c2s = c2s.NewListener(s.env, ln)
		s.addrs.C2S = ln.Addr().String()
		go func() { _ = s.c2s.Serve() }()
	}
	if a := s.cfg.Components; a != "" {
		ln, err := net.Listen("tcp", a)
		if err != nil {
			return fmt.Errorf("%w: components %s: %v", ErrListen, a, err)
		}
		secrets := map[string]string{}
		for _, c := range s.cfg.External {
			secrets[c.Name] = c.Secret
		}
		s.comp = component.NewListener(ln, s.router, secrets, s.env.Limits.MaxStanza, s.log.With("svc", "component"))
		s.addrs.Components = ln.Addr().String()
		go func() { _ = s.comp.Serve() }()
	}
	var err error
	if s.httpSrv, s.addrs.HTTP, err = serveHTTP(s.cfg.HTTP, s.web); err != nil {
		return err
	}
	s.adminSrv, s.addrs.Admin, err = serveHTTP(s.cfg.Admin, s.adminHandler())
	return err
}

func serveHTTP(addr string, h http.Handler) (*http.Server, string, error) {
	if addr == "" {
		return nil, "", nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("%w: http %s: %v", ErrListen, addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return srv, ln.Addr().String(), nil
}

// Shutdown closes every stream with system-shutdown (BOSH sessions get a
// terminate body) and stops the listeners, waiting at most until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopping.Store(true)
	var errs []error
	if s.web != nil {
		s.web.Shutdown()
	}
	if s.c2s != nil {
		errs = append(errs, s.c2s.Shutdown(ctx))
	}
	if s.comp != nil {
		errs = append(errs, s.comp.Shutdown(ctx))
	}
	if s.httpSrv != nil {
		errs = append(errs, s.httpSrv.Shutdown(ctx))
	}
	if s.adminSrv != nil {
		errs = append(errs, s.adminSrv.Shutdown(ctx))
	}
	return errors.Join(errs...)
}
