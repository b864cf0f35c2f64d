package xmppapi_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/bridge/xmppapi"
	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/internal/clock"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// idleBridge is a bridge without conferences: these tests are about the
// connection, not Colibri2.
type idleBridge struct{}

func (idleBridge) HandleColibri2(_ context.Context, _ string, req colibri.ConferenceModifyIQ) colibri.ConferenceModifiedIQ {
	return colibri.ModifiedResult(req, &colibri.ConferenceModified{})
}

func (idleBridge) HandleHealthCheck(req colibri.HealthCheckIQ) colibri.HealthCheckIQ {
	return colibri.HealthCheckResult(req, nil)
}

func (idleBridge) Stats() *colibri.Stats {
	return colibri.StatsFromMap(map[string]string{"drain": "false", "stress_level": "0"})
}

// TestTLSModes: with verification the self-signed certificate is refused
// unless trusted; disable_certificate_verification and security_mode
// disabled log in.
func TestTLSModes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	p := startProsody(t, ctx)
	for _, tc := range []struct {
		name     string
		edit     func(*config.XMPPClient)
		trust    bool
		wantFail string
	}{
		{name: "verified", trust: true},
		{name: "untrusted", wantFail: "certificate"},
		{name: "noverify", edit: func(x *config.XMPPClient) { x.DisableCertificateVerification = true }},
		{name: "plain", edit: func(x *config.XMPPClient) { x.SecurityMode = "disabled" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := config.XMPPClient{ID: tc.name, Hostname: "127.0.0.1", Port: p.Config.C2SPort, Domain: authHost,
				Username: "jvb", Password: "jvb-secret", MUCJIDs: []string{brewery}, MUCNickname: "jvb-" + tc.name}
			if tc.edit != nil {
				tc.edit(&x)
			}
			cfg := xmppapi.Config{Clients: []config.XMPPClient{x}, Clock: clock.NewFake(time.Unix(0, 0)),
				Logger: slog.New(slog.NewTextHandler(t.Output(), nil))}
			if tc.trust {
				cfg.RootCAs = roots(t, p)
			}
			svc, err := xmppapi.New(cfg, idleBridge{})
			if err != nil {
				t.Fatal(err)
			}
			if err := svc.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { _ = svc.Stop(ctx) }()
			st := waitState(t, ctx, svc, "connected or failed", func(s xmppapi.State) bool { return s.Connected || s.Failures > 0 })
			if tc.wantFail == "" && !st.Connected {
				t.Errorf("not connected: %+v", st)
			}
			if tc.wantFail != "" && (st.Connected || !strings.Contains(st.LastError, tc.wantFail)) {
				t.Errorf("state %+v, want a failure about %q", st, tc.wantFail)
			}
		})
	}
}

// TestKickedBridgeRejoins: a bridge kicked from the brewery reconnects and
// joins again.
func TestKickedBridgeRejoins(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	e := newEnv(t, ctx)
	e.await(t, ctx, bridgeEvent(muc.OccupantJoined))
	waitState(t, ctx, e.svc, "connected", func(s xmppapi.State) bool { return s.Connected })
	kick := xmpp.NewElement(xmpp.NSMUCAdmin, "query").Add(xmpp.NewElement(xmpp.NSMUCAdmin, "item", "nick", nick, "role", "none"))
	if _, err := e.focus.SendIQ(ctx, xmpp.NewIQ("set", "", "", breweryNorm, kick)); err != nil {
		t.Fatal(err)
	}
	if ev := e.await(t, ctx, bridgeEvent(muc.OccupantLeft)); !ev.Kicked {
		t.Errorf("leave %+v", ev)
	}
	st := e.advanceUntil(t, ctx, 2, time.Second)
	if st.Sessions != 2 || len(st.Rooms) != 1 || st.Rooms[0] != bridgeOcc {
		t.Errorf("state %+v", st)
	}
	e.await(t, ctx, bridgeEvent(muc.OccupantJoined))
}
