package e2e

import (
	"context"
	"log/slog"
	"net/netip"
	"os"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmppd/server"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

// Xmppd is our XMPP server, run in the test process (and so inside the
// test's network namespace) with the standard Jitsi layout of xmppd
// -domain, plus the focus.<domain> component the deployment names.
const Xmppd Server = "xmppd"

// StartXmppd starts xmppd on loopback with free ports, registers the focus
// and jvb accounts, and shuts it down at cleanup.
func StartXmppd(t testing.TB, d Deployment) *XMPPServer {
	t.Helper()
	cfg := xconfig.Default(d.Domain)
	cfg.DataDir = t.TempDir()
	cfg.C2S, cfg.Components, cfg.HTTP, cfg.Admin = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0", ""
	cfg.External = append(cfg.External, xconfig.Component{Name: d.Focus(), Secret: d.FocusSecret})
	logFile, err := os.CreateTemp(t.TempDir(), "xmppd-*.log")
	if err != nil {
		t.Fatalf("e2e: %v", err)
	}
	srv, err := server.New(cfg, slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelDebug})), nil)
	if err != nil {
		t.Fatalf("e2e: xmppd: %v", err)
	}
	if err := srv.Start(); err != nil {
		t.Fatalf("e2e: xmppd: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		if t.Failed() {
			if b, err := os.ReadFile(logFile.Name()); err == nil {
				t.Logf("xmppd log (tail):\n%s", tail(b, 8000))
			}
		}
		logFile.Close()
	})
	a := srv.Addrs()
	d.Ports = Ports{C2S: portOf(t, a.C2S), HTTP: portOf(t, a.HTTP), Component: portOf(t, a.Components)}
	x := &XMPPServer{Deployment: d, register: func(t testing.TB, user, host, password string) {
		t.Helper()
		if err := srv.Store().Register(user, host, password); err != nil {
			t.Fatalf("e2e: xmppd register %s@%s: %v", user, host, err)
		}
	}}
	x.Register(t, "focus", d.AuthDomain(), d.FocusPassword)
	x.Register(t, "jvb", d.AuthDomain(), d.JVBPassword)
	return x
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// portOf returns the port of a bound host:port address.
func portOf(t testing.TB, addr string) int {
	t.Helper()
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		t.Fatalf("e2e: xmppd address %q: %v", addr, err)
	}
	return int(ap.Port())
}
