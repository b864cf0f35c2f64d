package xmppapi_test

import (
	"context"
	"errors"
	"log/slog"
	"net/netip"
	"slices"
	"testing"
	"time"

	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/bridge"
	"github.com/jitsi-go/jitsi-go/bridge/xmppapi"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/internal/clock"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/sfu"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

const (
	nick      = "jvb-7f3c"
	bridgeOcc = breweryNorm + "/" + nick
	focusOcc  = breweryNorm + "/focus"
)

type fixtureEnv struct {
	p     *testenv.Prosody
	clk   *clock.Fake
	b     *bridge.Bridge
	sfu   *sfu.SFU
	svc   *xmppapi.Service
	focus *xmpp.Client
	rec   *recorder
	next  int // index into rec after the last awaited event
}

// newEnv starts prosody, a focus in the brewery, and a bridge with its
// XMPP side on a fake clock; the focus trusts only the focus occupant.
func newEnv(t *testing.T, ctx context.Context) *fixtureEnv {
	e := &fixtureEnv{p: startProsody(t, ctx), clk: clock.NewFake(time.Unix(1_800_000_000, 0)), rec: newRecorder()}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := sfu.New(sfu.Config{ListenAddr: netip.MustParseAddrPort("127.0.0.1:0")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	e.sfu = s
	e.b, err = bridge.New(bridge.Config{Version: "2.3.0-test", TrustedJIDs: []string{focusOcc}, Logger: log}, s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.b.Close() })
	e.focusJoin(t, ctx)
	e.svc, err = xmppapi.New(xmppapi.Config{
		Clients: []config.XMPPClient{{ID: "ourprosody", Hostname: "127.0.0.1", Port: e.p.Config.C2SPort,
			Domain: authHost, Username: "jvb", Password: "jvb-secret", MUCJIDs: []string{brewery}, MUCNickname: nick}},
		Version: "2.3.0-test", RootCAs: roots(t, e.p), Clock: e.clk, Logger: log,
	}, e.b)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = e.svc.Stop(ctx)
	})
	return e
}

// focusJoin logs the focus in and joins the brewery as "focus".
func (e *fixtureEnv) focusJoin(t *testing.T, ctx context.Context) {
	m := muc.NewMux()
	e.focus = login(t, ctx, e.p, "focus", m)
	if _, err := m.Join(ctx, e.focus, brewery, muc.Options{Nick: "focus", OnEvent: e.rec.add}); err != nil {
		t.Fatal(err)
	}
}

func (e *fixtureEnv) await(t *testing.T, ctx context.Context, ok func(muc.Event) bool) muc.Event {
	t.Helper()
	ev, next := e.rec.wait(t, ctx, e.next, ok)
	e.next = next
	return ev
}

func bridgeEvent(kind muc.EventKind) func(muc.Event) bool {
	return func(ev muc.Event) bool { return ev.Kind == kind && ev.Occupant.Nick == nick }
}

func TestBreweryPresenceAndIQs(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	e := newEnv(t, ctx)
	joined := e.await(t, ctx, bridgeEvent(muc.OccupantJoined))
	for name, want := range map[string]string{"drain": "false", "graceful_shutdown": "false",
		"shutting_down": "false", "healthy": "true", "version": "2.3.0-test", "conferences": "0"} {
		if got := stat(joined.Occupant.Presence, name); got != want {
			t.Errorf("stat %s = %q, want %q", name, got, want)
		}
	}
	if stat(joined.Occupant.Presence, "stress_level") == "" {
		t.Error("no stress_level in the presence")
	}
	if joined.Occupant.RealJID == "" || joined.Occupant.OccupantJID != bridgeOcc {
		t.Errorf("bridge occupant %+v", joined.Occupant)
	}
	st := waitState(t, ctx, e.svc, "connected", func(s xmppapi.State) bool { return s.Connected })
	if len(st.Rooms) != 1 || st.Rooms[0] != bridgeOcc || st.Sessions != 1 {
		t.Errorf("state %+v", st)
	}
	if n := e.svc.MUCCounts(); n != (xmppapi.MUCCounts{ClientsConfigured: 1, ClientsConnected: 1, MUCsConfigured: 1, MUCsJoined: 1}) {
		t.Errorf("muc counts %+v", n)
	}

	// Health check, version, disco, and an IQ nobody handles, through the MUC.
	if _, err := e.focus.SendIQ(ctx, xmpp.NewIQ("get", "", "", bridgeOcc,
		xmpp.NewElement(xmppapi.NSHealthCheck, "healthcheck"))); err != nil {
		t.Fatalf("health check: %v", err)
	}
	v, err := e.focus.SendIQ(ctx, xmpp.NewIQ("get", "", "", bridgeOcc, xmpp.NewElement(xmppapi.NSVersion, "query")))
	if err != nil || v.Child(xmppapi.NSVersion, "query").Child("", "version").Text() != "2.3.0-test" {
		t.Fatalf("version: %v %v", v, err)
	}
	d, err := e.focus.SendIQ(ctx, xmpp.NewIQ("get", "", "", bridgeOcc, xmpp.NewElement(xmpp.NSDiscoInfo, "query")))
	if err != nil {
		t.Fatal(err)
	}
	var features []string
	for _, f := range d.Child(xmpp.NSDiscoInfo, "query").Children() {
		features = append(features, f.Get("var"))
	}
	for _, f := range []string{xmppapi.NSHealthCheck, xmppapi.NSDTLS, xmppapi.NSICEUDP, xmppapi.NSVersion} {
		if !slices.Contains(features, f) {
			t.Errorf("feature %s missing from %v", f, features)
		}
	}
	_, err = e.focus.SendIQ(ctx, xmpp.NewIQ("get", "", "", bridgeOcc, xmpp.NewElement("jabber:iq:last", "query")))
	wantCondition(t, "unknown IQ", err, stanza.ServiceUnavailable)

	// Colibri2: refused from another brewery occupant, answered for the focus.
	im := muc.NewMux()
	intruder := login(t, ctx, e.p, "", im)
	if _, err := im.Join(ctx, intruder, brewery, muc.Options{Nick: "intruder"}); err != nil {
		t.Fatal(err)
	}
	_, err = intruder.SendIQ(ctx, fixture(t, "c2-create.xml", bridgeOcc))
	wantCondition(t, "colibri2 from the intruder", err, stanza.Forbidden)
	r, err := e.focus.SendIQ(ctx, fixture(t, "c2-create.xml", bridgeOcc))
	if err != nil {
		t.Fatalf("colibri2 from the focus: %v", err)
	}
	ep := r.Child(xmppapi.NSColibri2, "conference-modified").Child("", "endpoint")
	if ep == nil || ep.Get("id") != "a1b2c3d4" || ep.Child("", "transport") == nil {
		t.Fatalf("conference-modified: %s", r)
	}
	if _, ok := e.b.ConferenceID("3f1c9a2e-5b7d-4e8f-a0b1-c2d3e4f5a6b7"); !ok {
		t.Error("the conference was not created")
	}
	_, err = e.focus.SendIQ(ctx, xmpp.NewIQ("set", "", "", bridgeOcc,
		xmpp.NewElement(xmppapi.NSColibri2, "conference-modify", "meeting-id", "x").Add(xmpp.NewElement(xmppapi.NSColibri2, "bogus", "create", "maybe"))))
	if err == nil {
		t.Error("invalid conference-modify accepted")
	}

	// The presence is re-sent every interval on the clock, with fresh stats.
	e.b.SetDrain(true)
	e.clk.Advance(5 * time.Second)
	upd := e.await(t, ctx, func(ev muc.Event) bool {
		return bridgeEvent(muc.OccupantUpdated)(ev) && stat(ev.Occupant.Presence, "drain") == "true"
	})
	if got := stat(upd.Occupant.Presence, "conferences"); got != "1" {
		t.Errorf("conferences after the create = %q", got)
	}

	// A failing health check is reported as internal-server-error.
	_ = e.sfu.Close()
	_, err = e.focus.SendIQ(ctx, xmpp.NewIQ("get", "", "", bridgeOcc, xmpp.NewElement(xmppapi.NSHealthCheck, "healthcheck")))
	wantCondition(t, "health check of a closed bridge", err, stanza.InternalServerError)

	// Stop: graceful_shutdown first, then the bridge leaves.
	if err := e.svc.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	e.await(t, ctx, func(ev muc.Event) bool {
		return bridgeEvent(muc.OccupantUpdated)(ev) && stat(ev.Occupant.Presence, "graceful_shutdown") == "true" &&
			stat(ev.Occupant.Presence, "shutting_down") == "true"
	})
	e.await(t, ctx, bridgeEvent(muc.OccupantLeft))
}

func wantCondition(t *testing.T, what string, err error, cond stanza.Condition) {
	t.Helper()
	var se stanza.Error
	if !errors.As(err, &se) || se.Condition != cond {
		t.Errorf("%s: %v, want %s", what, err, cond)
	}
}
