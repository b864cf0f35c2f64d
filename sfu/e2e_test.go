package sfu

import (
	"fmt"
	"testing"

	"github.com/pion/srtp/v2"
)

// exchange sends one audio and one video packet from every client and checks
// that every other client receives both with payloads intact and the
// sender's original SSRCs.
func exchange(t *testing.T, cs []*testClient, tag string) {
	t.Helper()
	ctx := testCtx(t)
	for _, c := range cs {
		c.sendAudio(t, fmt.Sprintf("%s-audio-%s", tag, c.id), 0)
		c.sendVideo(t, fmt.Sprintf("%s-video-%s", tag, c.id))
	}
	for _, r := range cs {
		want := map[string]uint32{}
		for _, c := range cs {
			if c != r {
				want[fmt.Sprintf("%s-audio-%s", tag, c.id)] = c.audioSSRC
				want[fmt.Sprintf("%s-video-%s", tag, c.id)] = c.videoSSRC
			}
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

// warmUp waits until the bridge side of every client finished DTLS (the
// clients' own "connected" can come first when the bridge is DTLS server).
func warmUp(t *testing.T, cs []*testClient) {
	t.Helper()
	ctx := testCtx(t)
	for {
		allConnected := true
		for _, c := range cs {
			allConnected = allConnected && c.ep.State() == TransportConnected
		}
		if allConnected {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatal("bridge side never connected")
		case <-cs[0].ep.sfu.Events():
		}
	}
}

func TestTwoClientsExchangeMedia(t *testing.T) {
	s := newTestSFU(t, Config{})
	_, cs := newCall(testCtx(t), t, s, 2)
	warmUp(t, cs)
	exchange(t, cs, "r1")
	exchange(t, cs, "r2")
	for _, c := range cs {
		if p := c.ep.tr.Load().profile; p != srtp.ProtectionProfileAeadAes128Gcm {
			t.Errorf("%s: SRTP profile %v, want AEAD_AES_128_GCM", c.id, p)
		}
	}
	if st := s.Stats(); st.PacketsReceived == 0 || len(st.Dropped) != 0 && st.Dropped["decrypt"] != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestThreeClientsExchangeMedia(t *testing.T) {
	s := newTestSFU(t, Config{})
	_, cs := newCall(testCtx(t), t, s, 3)
	warmUp(t, cs)
	exchange(t, cs, "r1")
	exchange(t, cs, "r2")
}
