package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// startTimeout bounds the start of one server or browser.
const startTimeout = 20 * time.Second

// StartProsody starts stock prosody with the Jitsi layout for d on loopback.
// focus.<Domain> is an external component (FocusSecret), since stock prosody
// has no mod_client_proxy. The accounts focus and jvb are registered. Prosody
// is stopped by PID at cleanup; its log is printed if the test failed.
func StartProsody(t testing.TB, d Deployment) *XMPPServer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	p, err := testenv.StartProsody(ctx, testenv.ProsodyConfig{
		Dir: t.TempDir(), Domain: d.Domain,
		C2SPort: d.Ports.C2S, HTTPPort: d.Ports.HTTP, ComponentPort: d.Ports.Component,
		Components: []testenv.Component{{Name: d.Focus(), Secret: d.FocusSecret}},
	})
	if err != nil {
		t.Fatalf("e2e: %v", err)
	}
	t.Cleanup(func() {
		stopProcess(p.Process)
		if t.Failed() {
			t.Logf("prosody log (tail):\n%s", p.Log())
		}
	})
	d.Ports = Ports{C2S: p.Config.C2SPort, HTTP: p.Config.HTTPPort, Component: p.Config.ComponentPort}
	x := &XMPPServer{Deployment: d, register: func(t testing.TB, user, host, password string) {
		t.Helper()
		rctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		if err := p.Register(rctx, user, host, password); err != nil {
			t.Fatalf("e2e: %v", err)
		}
	}}
	x.Register(t, "focus", d.AuthDomain(), d.FocusPassword)
	x.Register(t, "jvb", d.AuthDomain(), d.JVBPassword)
	return x
}

// stopProcess stops p by PID, giving it a few seconds to exit on SIGTERM.
func stopProcess(p *testenv.Process) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = p.Stop(ctx)
}
