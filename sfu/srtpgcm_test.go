package sfu

import (
	"bytes"
	"crypto/rand"
	"testing"

	"github.com/pion/rtp"
	"github.com/pion/srtp/v2"
)

func gcmPair(t *testing.T) (*gcmRTP, *srtp.Context, *gcmRTP) {
	t.Helper()
	key, salt := make([]byte, 16), make([]byte, 12)
	_, _ = rand.Read(key)
	_, _ = rand.Read(salt)
	mine, err := newGCMRTP(key, salt, false)
	must(t, err)
	mineRx, err := newGCMRTP(key, salt, true)
	must(t, err)
	pion, err := srtp.CreateContext(key, salt, srtp.ProtectionProfileAeadAes128Gcm)
	must(t, err)
	return mine, pion, mineRx
}

func testPacket(t *testing.T, seq uint16, payload string) []byte {
	t.Helper()
	p := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 100, SequenceNumber: seq, Timestamp: 42, SSRC: 0xdecafbad}, Payload: []byte(payload)}
	must(t, p.Header.SetExtension(1, []byte{0x30}))
	raw, err := p.Marshal()
	must(t, err)
	return raw
}

// TestGCMMatchesPion cross-checks the allocation-free transform against
// pion/srtp in both directions, across a sequence-number rollover.
func TestGCMMatchesPion(t *testing.T) {
	mine, pion, mineRx := gcmPair(t)
	_, pionTx, _ := gcmPair(t) // unrelated keys: must not authenticate
	for _, seq := range []uint16{65530, 65531, 65535, 0, 1, 2, 300} {
		plain := testPacket(t, seq, "payload")
		enc, err := mine.encrypt(nil, plain)
		must(t, err)
		dec, err := pion.DecryptRTP(nil, enc, nil)
		if err != nil || !bytes.Equal(dec, plain) {
			t.Fatalf("seq %d: pion cannot decrypt ours: %v", seq, err)
		}
		enc2, err := pionTx.EncryptRTP(nil, plain, nil)
		must(t, err)
		if _, err := mineRx.decrypt(append([]byte(nil), enc2...)); err == nil {
			t.Fatalf("seq %d: packet under a foreign key authenticated", seq)
		}
		got, err := mineRx.decrypt(append([]byte(nil), enc...))
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("seq %d: decrypt own: %v", seq, err)
		}
		if _, err := mineRx.decrypt(append([]byte(nil), enc...)); err != errSRTPReplay {
			t.Fatalf("seq %d: replay accepted: %v", seq, err)
		}
	}
	if st := mineRx.states[0xdecafbad]; st.roc != 1 {
		t.Fatalf("roc = %d after rollover, want 1", st.roc)
	}
}

func TestGCMRejectsDamage(t *testing.T) {
	mine, _, rx := gcmPair(t)
	enc, err := mine.encrypt(nil, testPacket(t, 7, "hello"))
	must(t, err)
	for i := range enc {
		bad := append([]byte(nil), enc...)
		bad[i] ^= 0x01
		if _, err := rx.decrypt(bad); err == nil {
			t.Fatalf("flipping byte %d authenticated", i)
		}
	}
	for n := range len(enc) {
		if _, err := rx.decrypt(append([]byte(nil), enc[:n]...)); err == nil {
			t.Fatalf("truncated to %d authenticated", n)
		}
	}
	if len(rx.states) != 0 {
		t.Fatal("unauthenticated packets created SSRC state")
	}
}
