package xmppapi_test

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/bridge"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

const daemonConf = `videobridge {
  apis.xmpp-client.configs.ourprosody {
    hostname = "127.0.0.1"
    port = %d
    domain = "%s"
    username = "jvb"
    password = "jvb-secret"
    muc_jids = "%s"
    muc_nickname = "jvb-daemon"
  }
  sctp.enabled = false
}
`

// TestDaemonJoinsAndLeavesOnTerm runs the daemon as cmd/bridge does on a
// jvb.conf naming the test prosody: it joins the brewery, takes Colibri2
// from the focus, and on SIGTERM (ctx) publishes graceful_shutdown while
// its conference still exists, then leaves.
func TestDaemonJoinsAndLeavesOnTerm(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	p := startProsody(t, ctx)
	rec := newRecorder()
	m := muc.NewMux()
	focus := login(t, ctx, p, "focus", m)
	if _, err := m.Join(ctx, focus, brewery, muc.Options{Nick: "focus", OnEvent: rec.add}); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(t.TempDir(), "jvb.conf")
	if err := os.WriteFile(conf, fmt.Appendf(nil, daemonConf, p.Config.C2SPort, authHost, brewery), 0o600); err != nil {
		t.Fatal(err)
	}
	j, err := config.LoadJVB(conf, "")
	if err != nil {
		t.Fatal(err)
	}
	priv, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d, err := bridge.NewDaemon(j, bridge.DaemonOptions{Version: "2.3.0-daemon", XMPP: true, XMPPRootCAs: roots(t, p),
		PrivateListener: priv, UDPAddr: netip.MustParseAddrPort("127.0.0.1:0"),
		Logger: slog.New(slog.NewTextHandler(t.Output(), nil))})
	if err != nil {
		t.Fatal(err)
	}
	term, sigterm := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- d.Run(term) }()
	ran := false
	defer func() {
		if sigterm(); !ran {
			<-done
		}
	}()

	isDaemon := func(kind muc.EventKind) func(muc.Event) bool {
		return func(ev muc.Event) bool { return ev.Kind == kind && ev.Occupant.Nick == "jvb-daemon" }
	}
	ev, next := rec.wait(t, ctx, 0, isDaemon(muc.OccupantJoined))
	if stat(ev.Occupant.Presence, "version") != "2.3.0-daemon" || stat(ev.Occupant.Presence, "drain") != "false" {
		t.Errorf("daemon presence %s", ev.Occupant.Presence)
	}
	occ := breweryNorm + "/jvb-daemon"
	if _, err := focus.SendIQ(ctx, fixture(t, "c2-create.xml", occ)); err != nil {
		t.Fatalf("colibri2: %v", err)
	}
	if _, err := focus.SendIQ(ctx, xmpp.NewIQ("get", "", "", occ, xmpp.NewElement("http://jitsi.org/protocol/healthcheck", "healthcheck"))); err != nil {
		t.Fatalf("health check: %v", err)
	}

	sigterm()
	ev, next = rec.wait(t, ctx, next, func(ev muc.Event) bool {
		return isDaemon(muc.OccupantUpdated)(ev) && stat(ev.Occupant.Presence, "graceful_shutdown") == "true"
	})
	if got := stat(ev.Occupant.Presence, "conferences"); got != "1" {
		t.Errorf("shutdown presence sent with conferences=%q: endpoints closed before leaving", got)
	}
	rec.wait(t, ctx, next, isDaemon(muc.OccupantLeft))
	ran = true
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
}
