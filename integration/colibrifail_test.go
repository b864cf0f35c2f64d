package integration

import (
	"context"
	"syscall"
	"testing"
	"time"

	fxmpp "github.com/jitsi-go/jitsi-go/focus/xmppapi"
)

// colibriConf makes a Colibri2 failure the only way the focus can learn
// of a bad bridge: no health checks, and a 2 s reply timeout.
const colibriConf = `jicofo.bridge.health-checks.enabled = false
jicofo.xmpp.client.reply-timeout = 2 seconds
`

// TestColibri2Timeout: the bridge of a live conference is frozen with
// SIGSTOP (its XMPP connection stays open, so it stays in the brewery and
// no MUC leave tells the focus anything); the next participant's Colibri2
// allocation on it times out, the focus marks it non-operational and moves
// the conference: all three participants get each other's media on the
// other bridge.
func TestColibri2Timeout(t *testing.T) {
	for _, k := range serverKinds {
		t.Run(k.name, func(t *testing.T) {
			ctx := testCtx(t, 90*time.Second)
			x := k.start(t, ctx)
			f := startFocus(t, ctx, x, colibriConf)
			bridges := map[string]*procBridge{}
			for _, nick := range []string{"jvb-a", "jvb-b"} {
				bridges[nick] = startProcBridge(t, x, nick)
			}
			f.waitRegistered(t, ctx, "jvb-a", "jvb-b")
			one := startPair(t, ctx, x, "frozen@"+mucHost, "alice", "bob", 1)
			victim := bridges[nickOf(f.bridgeOf(ctx, one.room, "alice"))]
			if victim == nil {
				t.Fatal("the conference has no bridge")
			}
			victim.signal(t, syscall.SIGSTOP)
			recoverElsewhere(t, ctx, x, f, one, victim.nick, time.Now())
		})
	}
}

// TestColibri2Error: the media plane (UDP socket and SFU) of the bridge of
// a live conference is closed under it while its XMPP side stays in the
// brewery; the next participant's Colibri2 allocation gets an error reply
// (not conference_not_found), the focus marks the bridge non-operational
// and moves the conference to the other bridge.
func TestColibri2Error(t *testing.T) {
	for _, k := range serverKinds {
		t.Run(k.name, func(t *testing.T) {
			ctx := testCtx(t, 90*time.Second)
			x := k.start(t, ctx)
			f := startFocus(t, ctx, x, colibriConf)
			bridges := map[string]*localBridge{}
			for _, nick := range []string{"jvb-a", "jvb-b"} {
				bridges[nick] = startLocalBridge(t, x, nick)
			}
			f.waitRegistered(t, ctx, "jvb-a", "jvb-b")
			one := startPair(t, ctx, x, "broken@"+mucHost, "alice", "bob", 1)
			victim := bridges[nickOf(f.bridgeOf(ctx, one.room, "alice"))]
			if victim == nil {
				t.Fatal("the conference has no bridge")
			}
			if err := victim.breakMedia(); err != nil {
				t.Fatal(err)
			}
			recoverElsewhere(t, ctx, x, f, one, victim.nick, time.Now())
		})
	}
}

// recoverElsewhere lets a third participant join the conference on the
// bad bridge and checks that the bridge became non-operational through a
// failed Colibri2 request and that everyone has everyone's media on the
// other bridge.
func recoverElsewhere(t *testing.T, ctx context.Context, x *xmppEnv, f *focus, one *pair, bad string, since time.Time) {
	carol := join(t, ctx, x, one.room, "carol", 9)
	err := f.svc.WaitFor(ctx, func(*fxmpp.Service) bool {
		known, ok := f.operational(bad)
		return known && !ok
	})
	if err != nil {
		t.Fatalf("%s never became non-operational: %v", bad, err)
	}
	failed := time.Since(since)
	if !f.log.Contains("colibri2 request failed", "failure=bridge-failed", bad) {
		t.Errorf("no failed Colibri2 request to %s in the focus log", bad)
	}
	t.Logf("%s: %s", x.name, f.log.Line("colibri2 request failed", bad))
	all := []*person{one.p[0], one.p[1], carol}
	var worst time.Duration
	for i, p := range all {
		s := p.session(t, ctx) // alice's and bob's re-invite; carol's first session
		var others []uint32
		for j, o := range all {
			if j != i {
				others = append(others, o.id)
			}
		}
		waitMedia(t, ctx, p.Nick(), s, 10, others...)
		took := time.Since(since)
		worst = max(worst, took)
		tm := s.Timings()
		t.Logf("%s: media from %v again %v after the fault (session-initiate +%v, ICE +%v, DTLS +%v, first audio +%v)",
			p.Nick(), others, took.Round(time.Millisecond), tm.SessionInitiate.Sub(since).Round(time.Millisecond),
			tm.ICEConnected.Sub(since).Round(time.Millisecond), tm.DTLSConnected.Sub(since).Round(time.Millisecond),
			tm.FirstAudio.Sub(since).Round(time.Millisecond))
		if on := f.bridgeOf(ctx, one.room, p.Nick()); nickOf(on) == bad || on == "" {
			t.Errorf("%s on %q after the recovery", p.Nick(), on)
		}
	}
	leaveAll(t, ctx, f, all...)
	t.Logf("%s: %s marked non-operational %v after the fault; all media back after %v",
		x.name, bad, failed.Round(time.Millisecond), worst.Round(time.Millisecond))
}

// nickOf returns the resource (brewery nick) of a bridge's occupant JID.
func nickOf(jid string) string {
	for i := len(jid) - 1; i >= 0; i-- {
		if jid[i] == '/' {
			return jid[i+1:]
		}
	}
	return ""
}
