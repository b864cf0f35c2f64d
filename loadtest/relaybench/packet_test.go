package relaybench

import (
	"bytes"
	"errors"
	"testing"

	"github.com/pion/srtp/v2"
)

func TestPacketizerSRTP(t *testing.T) {
	key, salt := bytes.Repeat([]byte{7}, 16), bytes.Repeat([]byte{9}, 12)
	prof := srtp.ProtectionProfileAeadAes128Gcm
	enc, err := srtp.CreateContext(key, salt, prof)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := srtp.CreateContext(key, salt, prof)
	if err != nil {
		t.Fatal(err)
	}
	pz := newPacketizer(benchSSRC, 1100, enc)
	for i := range 3 * packetsPerFrame {
		b, err := pz.next()
		if err != nil {
			t.Fatal(err)
		}
		if len(b) != rtpHeaderLen+1100+16 {
			t.Fatalf("packet %d: %d bytes", i, len(b))
		}
		plain, err := dec.DecryptRTP(nil, b, nil)
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		if err := checkPayload(plain, benchSSRC); err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		pl := plain[rtpHeaderLen:]
		start, key := pl[0]&0x10 != 0, pl[1]&0x01 == 0
		if start != (i%packetsPerFrame == 0) || key != (i == 0) {
			t.Errorf("packet %d: start %v keyframe %v", i, start, key)
		}
		if err := checkPayload(plain, 1); !errors.Is(err, ErrBadPacket) {
			t.Errorf("wrong SSRC accepted: %v", err)
		}
	}
}

func TestCheckPayloadRejects(t *testing.T) {
	pz := newPacketizer(benchSSRC, 200, nil)
	b, _ := pz.next()
	bad := append([]byte(nil), b...)
	bad[rtpHeaderLen+5] ^= 0xff
	for name, pkt := range map[string][]byte{"short": b[:5], "marker": bad, "truncated": b[:rtpHeaderLen+6]} {
		if err := checkPayload(pkt, benchSSRC); !errors.Is(err, ErrBadPacket) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func BenchmarkPacketizer(b *testing.B) {
	enc, err := srtp.CreateContext(make([]byte, 16), make([]byte, 12), srtp.ProtectionProfileAeadAes128Gcm)
	if err != nil {
		b.Fatal(err)
	}
	pz := newPacketizer(benchSSRC, 1100, enc)
	b.SetBytes(1100)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pz.next(); err != nil {
			b.Fatal(err)
		}
	}
}
