package bridge

import (
	"encoding/json"
	"testing"

	"github.com/jitsi-go/jitsi-go/sfu"
)

// TestSFUEventsReachChannels feeds SFU events through the bridge's event
// handler and checks the messages clients get.
func TestSFUEventsReachChannels(t *testing.T) {
	tb := newTestBridge(t, Config{})
	ctx := testCtx(t)
	a := newClient(t, tb, "m1", "ep0", true)
	b := newClient(t, tb, "m1", "ep1", false)
	a.openChannel(ctx, t)
	b.openChannel(ctx, t)
	confID, _ := tb.ConferenceID("m1")
	tb.onEvent(sfu.DominantSpeakerChanged{Conference: confID, Endpoint: "ep1", Previous: []string{"ep0"}})
	for _, c := range []*client{a, b} {
		m := c.waitMessage(ctx, t, func(m map[string]json.RawMessage) bool { return class(m) == ClassDominantSpeaker })
		if string(m["dominantSpeakerEndpoint"]) != `"ep1"` || string(m["previousSpeakers"]) != `["ep0"]` {
			t.Errorf("%s: %v", c.id, m)
		}
	}
	tb.onEvent(sfu.ForwardedSourcesChanged{Conference: confID, Endpoint: "ep0", Sources: []string{"ep1-v0", "ep1-v1"}})
	a.waitForwarded(ctx, t, "ep1-v0", "ep1-v1")
	m := a.waitMessage(ctx, t, func(m map[string]json.RawMessage) bool { return class(m) == ClassLastNEndpoints })
	if string(m["lastNEndpoints"]) != `["ep1"]` {
		t.Errorf("LastNEndpointsChangeEvent %v", m)
	}
}

// TestNoVideoBeforeConstraints: as jvb (initial max height 0), a receiver
// gets no video until its first ReceiverVideoConstraints; audio flows.
func TestNoVideoBeforeConstraints(t *testing.T) {
	tb := newTestBridge(t, Config{})
	ctx := testCtx(t)
	cs := []*client{newClient(t, tb, "m1", "ep0", true), newClient(t, tb, "m1", "ep1", false)}
	cs[0].accept(t, tb, cs[1:])
	cs[1].accept(t, tb, cs[:1])
	tb.waitBridgeConnected(ctx, t, "m1", "ep0", "ep1")
	for _, c := range cs {
		select {
		case <-c.connected:
		case <-ctx.Done():
			t.Fatal("PeerConnection never connected")
		}
	}
	cs[1].openChannel(ctx, t)
	cs[0].sendVideo(t, "early-video")
	cs[0].sendAudio(t, "audio")
	rx := cs[1]
	wait := func(want string) {
		for {
			select {
			case p := <-rx.rx:
				if p.payload == "\x10\x00early-video" {
					t.Fatal("video forwarded before ReceiverVideoConstraints")
				}
				if p.payload == want {
					return
				}
			case <-ctx.Done():
				t.Fatalf("%q never arrived", want)
			}
		}
	}
	wait("audio")
	rx.sendJSON(ctx, t, map[string]any{"colibriClass": ClassReceiverVideoConstraints, "defaultConstraints": map[string]any{"maxHeight": 180}})
	rx.waitForwarded(ctx, t, "ep0-v0")
	cs[0].sendVideo(t, "late-video")
	wait("\x10\x00late-video")
}
