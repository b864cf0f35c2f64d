package bridge

import (
	"fmt"
	"testing"
)

// call connects n clients to one conference through Colibri2 and the
// bridge channel, and waits until video is allocated to every receiver.
func call(t *testing.T, tb *testBridge, n int) []*client {
	t.Helper()
	ctx := testCtx(t)
	cs := make([]*client, n)
	for i := range cs {
		cs[i] = newClient(t, tb, "meeting-1", fmt.Sprintf("ep%d", i), i == 0)
	}
	for i, c := range cs {
		c.accept(t, tb, others(cs, i))
	}
	ids := make([]string, n)
	for i, c := range cs {
		ids[i] = c.id
		c.openChannel(ctx, t)
		c.sendJSON(ctx, t, map[string]any{"colibriClass": ClassReceiverVideoConstraints, "lastN": -1,
			"defaultConstraints": map[string]any{"maxHeight": 720}})
	}
	for i, c := range cs {
		var want []string
		for _, o := range others(cs, i) {
			want = append(want, o.id+"-v0")
		}
		c.waitForwarded(ctx, t, want...)
	}
	tb.waitBridgeConnected(ctx, t, "meeting-1", ids...)
	for _, c := range cs {
		select {
		case <-c.connected:
		case <-ctx.Done():
			t.Fatalf("%s: PeerConnection never connected", c.id)
		}
	}
	return cs
}

func others(cs []*client, i int) []*client {
	var out []*client
	for j, c := range cs {
		if j != i {
			out = append(out, c)
		}
	}
	return out
}

// exchange sends audio and video from every client in cs and checks each
// other client in cs gets both with payloads and SSRCs intact.
func exchange(t *testing.T, cs []*client, tag string) {
	t.Helper()
	ctx := testCtx(t)
	for _, c := range cs {
		c.sendAudio(t, tag+"-audio-"+c.id)
		c.sendVideo(t, tag+"-video-"+c.id)
	}
	for i, r := range cs {
		want := map[string]uint32{}
		for _, c := range others(cs, i) {
			want[tag+"-audio-"+c.id] = c.audioSSRC
			want["\x10\x00"+tag+"-video-"+c.id] = c.videoSSRC
		}
		for len(want) > 0 {
			select {
			case p := <-r.rx:
				if ssrc, ok := want[p.payload]; ok {
					if p.ssrc != ssrc {
						t.Fatalf("%s got %q on ssrc %d, want %d", r.id, p.payload, p.ssrc, ssrc)
					}
					delete(want, p.payload)
				}
			case <-ctx.Done():
				t.Fatalf("%s: missing %v", r.id, want)
			}
		}
	}
}

func TestTwoClientsExchangeMedia(t *testing.T) {
	tb := newTestBridge(t, Config{})
	cs := call(t, tb, 2)
	exchange(t, cs, "r1")
	exchange(t, cs, "r2")
}

func TestThreeClientsExchangeMedia(t *testing.T) {
	tb := newTestBridge(t, Config{})
	cs := call(t, tb, 3)
	exchange(t, cs, "r1")
}
