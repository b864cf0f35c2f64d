package integration

import (
	"context"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant"
	"github.com/jitsi-go/jitsi-go/participant/media"
)

// packets is how many intact audio and video packets from each sender a
// receiver must count before the media counts as flowing (about 1 s of
// audio).
const packets = 50

// TestCall runs the whole call on stock prosody (the focus as the external
// component focus.<domain>, participants over WebSocket) and on our xmppd
// (the focus behind its native client_proxy, participants over c2s), with
// our focus and our bridge: two participants get each other's audio and
// video with intact payloads; a third joins mid-call and everyone gets its
// sources (source-add) and media, and it gets theirs; it leaves and the
// others get source-remove and its media stops; then one more leaves and
// the participant left alone is released after the single-participant
// timeout (2 s here).
func TestCall(t *testing.T) {
	for _, k := range serverKinds {
		t.Run(k.name, func(t *testing.T) {
			ctx := testCtx(t, 90*time.Second)
			x := k.start(t, ctx)
			f := startFocus(t, ctx, x, "")
			startLocalBridge(t, x, "jvb-1")
			f.waitBridges(t, ctx, 1)
			callScenario(t, ctx, x, "call@"+mucHost)
		})
	}
}

func callScenario(t *testing.T, ctx context.Context, x *xmppEnv, room string) {
	alice := join(t, ctx, x, room, "alice", 1)
	bob := join(t, ctx, x, room, "bob", 2)
	sa, sb := alice.session(t, ctx), bob.session(t, ctx)
	waitMedia(t, ctx, "alice", sa, packets, bob.id)
	waitMedia(t, ctx, "bob", sb, packets, alice.id)

	carol := join(t, ctx, x, room, "carol", 3)
	sc := carol.session(t, ctx)
	for _, p := range []*person{alice, bob} {
		p.expectJingle(t, ctx, jingle.ActionSourceAdd, "carol")
	}
	waitMedia(t, ctx, "alice", sa, packets, carol.id)
	waitMedia(t, ctx, "bob", sb, packets, carol.id)
	waitMedia(t, ctx, "carol", sc, packets, alice.id, bob.id)

	if err := carol.Leave(ctx); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*person{alice, bob} {
		p.expectJingle(t, ctx, jingle.ActionSourceRemove, "carol")
	}
	mediaStopped(t, ctx, "alice", sa, carol.id, bob.id)
	mediaStopped(t, ctx, "bob", sb, carol.id, alice.id)

	if err := bob.Leave(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case j := <-alice.Terminated():
		if j.Reason == nil || j.Reason.Condition != jingle.ReasonExpired {
			t.Fatalf("alice alone: session-terminate %+v, want reason expired", j.Reason)
		}
	case <-ctx.Done():
		t.Fatal("alice, alone, was never released")
	}
	if errs := alice.Errors(); len(errs) != 0 {
		t.Errorf("alice: %v", errs)
	}
}

// mediaStopped checks that nothing from sender gone arrives at s any more:
// its count stays the same while 2×packets more audio packets arrive from
// alive (the first packets' worth lets what was in flight drain).
func mediaStopped(t testing.TB, ctx context.Context, who string, s *participant.Session, gone, alive uint32) {
	t.Helper()
	rx := s.Receiver()
	base := count(rx.Stats(), "audio", alive)
	after := func(n uint64) {
		ok := func(st []media.Stats) bool { return count(st, "audio", alive) >= base+n }
		if err := rx.Wait(ctx, ok); err != nil {
			t.Fatalf("%s: media from %d stopped too: %v", who, alive, err)
		}
	}
	after(packets)
	st := rx.Stats()
	was := count(st, "audio", gone) + count(st, "video", gone)
	after(2 * packets)
	st = rx.Stats()
	if now := count(st, "audio", gone) + count(st, "video", gone); now != was {
		t.Errorf("%s: %d packets from %d after it left", who, now-was, gone)
	}
}
