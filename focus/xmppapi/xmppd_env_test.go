package xmppapi

import (
	"context"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmppd/server"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

// startXmppdEnv runs our xmppd in-process with the standard Jitsi layout
// (native client_proxy focus.<domain> → focus@auth.<domain>, meeting ids)
// and the focus as a plain client behind the proxy: jicofo's deployment.
func startXmppdEnv(t testing.TB, extraConf string) *env {
	t.Helper()
	ctx := testCtx(t, 60*time.Second)
	cfg := xconfig.Default(envDomain)
	cfg.DataDir, cfg.C2S, cfg.Components, cfg.HTTP, cfg.Admin = t.TempDir(), "127.0.0.1:0", "", "", ""
	srv, err := server.New(cfg, quietLogger(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for user, pw := range map[string]string{"focus": envFocusPass, "jvb": envJVBPass} {
		if err := srv.Store().Register(user, "auth."+envDomain, pw); err != nil {
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
	e := &env{c2sAddr: srv.Addrs().C2S, ctx: ctx}
	e.svc = e.startFocus(t, false, extraConf, Options{})
	return e
}
