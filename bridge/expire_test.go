package bridge

import (
	"testing"
	"time"

	"nhooyr.io/websocket"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// TestExpiredEndpointStopsReceiving expires one of three endpoints with
// Colibri2: the others keep exchanging media and it gets none of it.
func TestExpiredEndpointStopsReceiving(t *testing.T) {
	tb := newTestBridge(t, Config{})
	cs := call(t, tb, 3)
	exchange(t, cs, "before")
	gone, _ := tb.Endpoint("meeting-1", "ep2")
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "meeting-1", Endpoints: []colibri.Endpoint{{ID: "ep2", Expire: true}}})
	sentBefore := gone.Stats().PacketsSent
	for len(cs[2].rx) > 0 {
		<-cs[2].rx
	}
	exchange(t, cs[:2], "after") // ep1 received ep0's packets, so the bridge has processed them
	if n := gone.Stats().PacketsSent; n != sentBefore {
		t.Errorf("bridge sent %d packets to the expired endpoint", n-sentBefore)
	}
	for len(cs[2].rx) > 0 {
		if p := <-cs[2].rx; p.payload == "after-audio-ep0" {
			t.Error("expired endpoint received media")
		}
	}
	if _, ok := tb.Endpoint("meeting-1", "ep2"); ok {
		t.Error("endpoint still listed")
	}
	for range cs[2].msgs { // the bridge closes the expired endpoint's channel
	}
	if websocket.CloseStatus(cs[2].closeErr) != websocket.StatusGoingAway {
		t.Errorf("channel of the expired endpoint closed with %v, want 1001", cs[2].closeErr)
	}
}

// TestForceMutedSenderDropped: after a Colibri2 force-mute, the sender's
// audio is dropped while its video still flows.
func TestForceMutedSenderDropped(t *testing.T) {
	tb := newTestBridge(t, Config{})
	cs := call(t, tb, 2)
	exchange(t, cs, "open")
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "meeting-1", Endpoints: []colibri.Endpoint{{ID: "ep0", ForceMute: &colibri.ForceMute{Audio: true}}}})
	before := tb.SFU().Stats().Dropped["muted"] // counted SFU-wide
	ctx := testCtx(t)
	cs[0].sendAudio(t, "muted-audio")
	cs[0].sendVideo(t, "marker")
	for {
		select {
		case p := <-cs[1].rx:
			if p.payload == "muted-audio" {
				t.Fatal("force-muted audio forwarded")
			}
			if p.payload != "\x10\x00marker" {
				continue
			}
		case <-ctx.Done():
			t.Fatal("video of the muted sender did not arrive")
		}
		break
	}
	if tb.SFU().Stats().Dropped["muted"] <= before {
		t.Error("muted drop not counted")
	}
}

// TestEntityExpiration expires an idle endpoint, then its empty
// conference, when the injected clock passes entity-expiration.timeout.
func TestEntityExpiration(t *testing.T) {
	fake := clock.NewFake(time.Now())
	tb := newTestBridge(t, Config{Clock: fake, EntityExpiration: time.Minute})
	tb.mustModify(t, createEndpoint("m1", "ep0", true))
	ctx := testCtx(t)
	if !fake.WaitForWaiters(2, ctx.Done()) {
		t.Fatal("timer loop not waiting")
	}
	ch := tb.Changed()
	fake.Advance(30 * time.Second)
	if _, ok := tb.Endpoint("m1", "ep0"); !ok {
		t.Fatal("expired before the timeout")
	}
	fake.Advance(31 * time.Second)
	for {
		if _, ok := tb.ConferenceID("m1"); !ok {
			break
		}
		select {
		case <-ch:
			ch = tb.Changed()
		case <-ctx.Done():
			t.Fatal("idle conference never expired")
		}
	}
	if tb.totals.endpointsExpired.Load() != 1 {
		t.Errorf("expired endpoints %d", tb.totals.endpointsExpired.Load())
	}
}
