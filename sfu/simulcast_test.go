package sfu

import (
	"strings"
	"testing"

	"github.com/pion/rtcp"
)

// TestSimulcastLayerSwitch: a sender with three SIM layers; the receiver
// gets the layer its max height allows, always on the primary SSRC, and a
// switch happens on a keyframe of the new layer with continuous sequence
// numbers. The switch makes the bridge ask the sender for a keyframe.
func TestSimulcastLayerSwitch(t *testing.T) {
	s := newTestSFU(t, Config{KeyframeInterval: 1})
	conf, err := s.CreateConference("sim")
	must(t, err)
	a, b := newTestClient(t, conf, "a"), newTestClient(t, conf, "b")
	a.addLayers(t, 2)
	ctx := testCtx(t)
	connectAll(ctx, t, []*testClient{a, b})
	warmUp(t, []*testClient{a, b})
	b.ep.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 180})

	sendAll := func(key bool, tag string) {
		for l := range 3 {
			a.sendLayer(t, l, key, "L"+string(rune('0'+l))+"-"+tag)
		}
	}
	onlyLayer := func(layer string) func(rxPacket) {
		return func(p rxPacket) {
			if p.kind.String() != "video" {
				return
			}
			if p.ssrc != a.videoSSRC {
				t.Fatalf("video on ssrc %d, want primary %d", p.ssrc, a.videoSSRC)
			}
			if !strings.Contains(p.payload, layer+"-") {
				t.Fatalf("got %q while forwarding %s", p.payload, layer)
			}
		}
	}
	sendAll(true, "k1")
	sendAll(false, "d1")
	last := b.waitPayload(ctx, t, "\x10\x01L0-d1", onlyLayer("L0"))

	b.ep.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 720})
	sendAll(false, "d2") // no keyframe on layer 2 yet: stay on layer 0
	p := b.waitPayload(ctx, t, "\x10\x01L0-d2", onlyLayer("L0"))
	if p.seq != last.seq+1 {
		t.Fatalf("seq %d after %d", p.seq, last.seq)
	}
	waitPLI(t, a, a.layerSSRC[1])
	sendAll(true, "k2") // L0-k2 still goes out, then the L2 keyframe switches
	p2 := b.waitPayload(ctx, t, "\x10\x00L2-k2", nil)
	if p2.seq != p.seq+2 || p2.ssrc != a.videoSSRC {
		t.Fatalf("after the switch seq %d ssrc %d, want %d %d", p2.seq, p2.ssrc, p.seq+2, a.videoSSRC)
	}
	sendAll(false, "d3")
	p3 := b.waitPayload(ctx, t, "\x10\x01L2-d3", onlyLayer("L2"))
	if p3.seq != p2.seq+1 {
		t.Fatalf("seq %d after %d", p3.seq, p2.seq)
	}
}

func waitPLI(t *testing.T, c *testClient, ssrc uint32) {
	t.Helper()
	ctx := testCtx(t)
	for {
		select {
		case p := <-c.rtcpIn:
			if pli, ok := p.(*rtcp.PictureLossIndication); ok && pli.MediaSSRC == ssrc {
				return
			}
		case <-ctx.Done():
			t.Fatalf("no PLI for %d", ssrc)
		}
	}
}
