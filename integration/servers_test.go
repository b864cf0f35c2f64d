package integration

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/server"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

const (
	domain    = "meet.int.test"
	authHost  = "auth." + domain
	mucHost   = "conference." + domain
	brewery   = "JvbBrewery@internal." + authHost
	compSec   = "component-secret"
	focusPass = "focus-pw"
	jvbPass   = "jvb-pw"
)

// xmppEnv is one XMPP server with the Jitsi layout: where the focus, the
// bridges and the participants connect.
type xmppEnv struct {
	name     string
	c2s      string // host:port of c2s
	compAddr string // XEP-0114 port: the focus connects as focus.<domain> (prosody only)
	caFile   string // PEM the focus and in-process bridges trust; "" without TLS
	wsURL    string // participants' WebSocket endpoint; "" → c2s
}

// transport opens a participant's client stream: WebSocket when the
// server has it, else c2s over TCP.
func (x *xmppEnv) transport(ctx context.Context, dom string) (xmpp.Transport, error) {
	if x.wsURL != "" {
		return xmpp.DialWS(ctx, x.wsURL, dom)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", x.c2s)
	if err != nil {
		return nil, err
	}
	return xmpp.NewTCPTransport(conn, dom), nil
}

// serverKinds are the two XMPP servers every call scenario runs on.
var serverKinds = []struct {
	name  string
	start func(t testing.TB, ctx context.Context) *xmppEnv
}{
	{"prosody", startProsody},
	{"xmppd", startXmppd},
}

// startProsody runs stock prosody with focus.<domain> as an external
// component (prosody has no client_proxy) and the focus and jvb accounts.
func startProsody(t testing.TB, ctx context.Context) *xmppEnv {
	t.Helper()
	if _, err := os.Stat("/usr/bin/prosody"); err != nil {
		t.Skip("prosody not installed: apt-get install -y prosody lua-unbound")
	}
	p, err := testenv.StartProsody(ctx, testenv.ProsodyConfig{Dir: t.TempDir(), Domain: domain,
		Components: []testenv.Component{{Name: "focus." + domain, Secret: compSec}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if t.Failed() {
			t.Logf("prosody.log:\n%s", p.Log())
		}
		_ = p.Stop(sctx)
	})
	for user, pw := range map[string]string{"focus": focusPass, "jvb": jvbPass} {
		if err := p.Register(ctx, user, authHost, pw); err != nil {
			t.Fatal(err)
		}
	}
	return &xmppEnv{name: "prosody", c2s: testenv.Loopback(p.Config.C2SPort),
		compAddr: testenv.Loopback(p.Config.ComponentPort),
		caFile:   filepath.Join(p.Config.CertDir(), authHost+".crt"),
		wsURL:    fmt.Sprintf("ws://127.0.0.1:%d/xmpp-websocket", p.Config.HTTPPort)}
}

// startXmppd runs our xmppd in-process with its native client_proxy
// focus.<domain> → focus@auth.<domain>.
func startXmppd(t testing.TB, _ context.Context) *xmppEnv {
	t.Helper()
	cfg := xconfig.Default(domain)
	cfg.DataDir, cfg.C2S, cfg.Components, cfg.HTTP, cfg.Admin = t.TempDir(), "127.0.0.1:0", "", "", ""
	srv, err := server.New(cfg, quietLogger(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for user, pw := range map[string]string{"focus": focusPass, "jvb": jvbPass} {
		if err := srv.Store().Register(user, authHost, pw); err != nil {
			t.Fatal(err)
		}
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	})
	return &xmppEnv{name: "xmppd", c2s: srv.Addrs().C2S}
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// testCtx is a context bounded by d and by the test.
func testCtx(t testing.TB, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
