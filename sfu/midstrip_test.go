package sfu

import (
	"bytes"
	"testing"

	"github.com/pion/rtp"
)

// packetWithExts builds an RTP packet with the given extensions (id → data)
// in the one-byte or two-byte profile.
func packetWithExts(t testing.TB, twoByte bool, exts map[uint8][]byte) []byte {
	t.Helper()
	h := rtp.Header{Version: 2, PayloadType: 111, SequenceNumber: 7, Timestamp: 960, SSRC: 0x11223344, CSRC: []uint32{5}}
	h.Extension = true
	h.ExtensionProfile = extProfileOneByte
	if twoByte {
		h.ExtensionProfile = extProfileTwoByte
	}
	for _, id := range []uint8{1, 3, 5, 10} { // fixed order
		if d, ok := exts[id]; ok {
			if err := h.SetExtension(id, d); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := rtp.Packet{Header: h, Payload: []byte{0xde, 0xad, 0xbe, 0xef}}
	b, err := p.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBlankExtension(t *testing.T) {
	exts := map[uint8][]byte{1: {0x85}, 10: []byte("1"), 5: {0x01, 0x02}}
	tests := []struct {
		name    string
		twoByte bool
		exts    map[uint8][]byte
		id      uint8
		blanked bool
	}{
		{"one-byte mid among audio-level and tcc", false, exts, 10, true},
		{"two-byte mid among audio-level and tcc", true, exts, 10, true},
		{"long mid value", false, map[uint8][]byte{10: []byte("video-mid-15-ch"), 3: {1, 2, 3}}, 10, true},
		{"no mid element", false, map[uint8][]byte{1: {0x85}}, 10, false},
		{"id 0 means not negotiated", false, exts, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkt := packetWithExts(t, tt.twoByte, tt.exts)
			n := len(pkt)
			if got := blankExtension(pkt, tt.id); got != tt.blanked {
				t.Fatalf("blanked = %v, want %v", got, tt.blanked)
			}
			var p rtp.Packet
			if err := p.Unmarshal(pkt); err != nil || len(pkt) != n {
				t.Fatalf("after blanking: %v (len %d → %d)", err, n, len(pkt))
			}
			if !bytes.Equal(p.Payload, []byte{0xde, 0xad, 0xbe, 0xef}) || p.SSRC != 0x11223344 {
				t.Fatalf("payload or header changed: %+v", p.Header)
			}
			for id, d := range tt.exts {
				got := p.GetExtension(id)
				switch {
				case id == tt.id && tt.blanked && got != nil:
					t.Errorf("extension %d still present: %q", id, got)
				case id != tt.id && !bytes.Equal(got, d):
					t.Errorf("extension %d = %x, want %x", id, got, d)
				}
			}
		})
	}
}

func TestBlankExtensionMalformed(t *testing.T) {
	pkt := packetWithExts(t, false, map[uint8][]byte{10: []byte("0")})
	for cut := 0; cut < len(pkt)-4; cut++ {
		b := append([]byte(nil), pkt[:cut]...)
		blankExtension(b, 10) // must not panic or grow
	}
	noExt := []byte{0x80, 111, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xaa}
	if blankExtension(noExt, 10) {
		t.Error("blanked a packet without header extension")
	}
}

func FuzzBlankExtension(f *testing.F) {
	f.Add(packetWithExts(f, false, map[uint8][]byte{1: {0x85}, 10: []byte("1")}), uint8(10))
	f.Add(packetWithExts(f, true, map[uint8][]byte{5: {1, 2}, 10: []byte("12")}), uint8(10))
	f.Fuzz(func(t *testing.T, pkt []byte, id uint8) {
		n := len(pkt)
		blankExtension(pkt, id)
		if len(pkt) != n {
			t.Fatal("length changed")
		}
	})
}
