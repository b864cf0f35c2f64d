package interop

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmppd/server"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

const testDomain = "meet.test"

func startXmppd(t *testing.T) *target {
	t.Helper()
	cfg := xconfig.Default(testDomain)
	cfg.DataDir = t.TempDir()
	cfg.C2S, cfg.Components, cfg.HTTP, cfg.Admin = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0"
	cfg.External = []xconfig.Component{{Name: "comp." + testDomain, Secret: "compsecret"}}
	cfg.MUCs[0].RestrictCreation = false // prosody's stock muc lets clients create rooms; compare like for like
	cfg.MUCs[0].MeetingID = false
	log := slog.New(slog.DiscardHandler)
	if os.Getenv("XMPPD_TEST_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	srv, err := server.New(cfg, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	a := srv.Addrs()
	return &target{Name: "xmppd", Domain: testDomain, C2S: a.C2S, HTTP: a.HTTP, Component: a.Components,
		CompName: "comp." + testDomain, CompSecret: "compsecret", Register: srv.Store().Register}
}
