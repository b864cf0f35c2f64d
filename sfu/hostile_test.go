package sfu

import (
	"crypto/rand"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/pion/stun"
)

// hostileCall is a running two-party call with client a behind a capturing
// proxy (so datagrams can be replayed on its 5-tuple).
func hostileCall(t *testing.T) (*SFU, *Conference, *testClient, *testClient) {
	t.Helper()
	s := newTestSFU(t, Config{})
	conf, err := s.CreateConference("hostile")
	must(t, err)
	a, b := newTestClient(t, conf, "a"), newTestClient(t, conf, "b")
	a.proxy = newUDPProxy(t, s.LocalAddr())
	connectAll(testCtx(t), t, []*testClient{a, b})
	warmUp(t, []*testClient{a, b})
	exchange(t, []*testClient{a, b}, "init")
	return s, conf, a, b
}

func sendRaw(t *testing.T, to *net.UDPAddr, pkts ...[]byte) {
	t.Helper()
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	must(t, err)
	defer c.Close()
	for _, p := range pkts {
		_, _ = c.WriteToUDP(p, to)
	}
}

func bindingRequest(t testing.TB, username, pwd string) []byte {
	t.Helper()
	m, err := stun.Build(stun.TransactionID, stun.BindingRequest, stun.NewUsername(username),
		stun.NewShortTermIntegrity(pwd), stun.Fingerprint)
	must(t, err)
	return m.Raw
}

// TestHostileInput: every kind of bad datagram is rejected and counted, and
// the running call keeps exchanging media after each one. Loopback delivers
// datagrams to the bridge socket in send order and the bridge has one reader,
// so once the following exchange completed the bad input was processed.
func TestHostileInput(t *testing.T) {
	s, conf, a, b := hostileCall(t)
	to := net.UDPAddrFromAddrPort(s.LocalAddr())
	call := []*testClient{a, b}
	dropped := func(reason string) uint64 { return s.Stats().Dropped[reason] }

	t.Run("garbage", func(t *testing.T) {
		var pkts [][]byte
		for _, n := range []int{1, 2, 11, 12, 20, 100, 1200, 1500} {
			p := make([]byte, n)
			_, _ = rand.Read(p)
			pkts = append(pkts, p, append([]byte{0x80}, p...), append([]byte{0x16, 0xfe, 0xfd}, p...), append([]byte{0x00, 0x01}, p...))
		}
		sendRaw(t, to, pkts...)
		a.proxy.replay([]byte{0x80, 0x60, 0x00}) // from a's own 5-tuple
		a.proxy.replay(make([]byte, 64))
		exchange(t, call, "garbage")
	})
	t.Run("truncated", func(t *testing.T) {
		req := bindingRequest(t, a.ep.Local().Ufrag+":x", a.ep.Local().Pwd)
		for n := 1; n < len(req); n += 3 {
			sendRaw(t, to, req[:n])
		}
		seq := a.seqA + 1
		a.proxy.mu.Lock()
		a.proxy.captureUp = func(p []byte) bool { return isRTPFrom(p, a.audioSSRC, seq) }
		a.proxy.mu.Unlock()
		a.sendAudio(t, "to-truncate", 0)
		orig := waitCaptured(t, a.proxy)
		before := dropped("decrypt")
		for n := 12; n < len(orig); n += 4 {
			a.proxy.replay(orig[:n])
		}
		exchange(t, call, "truncated")
		if dropped("decrypt") == before {
			t.Error("truncated SRTP not counted as decrypt failures")
		}
	})
	t.Run("oversized", func(t *testing.T) {
		before := dropped("oversize")
		big := make([]byte, 9000)
		big[0] = 0x80
		sendRaw(t, to, big)
		a.proxy.replay(big)
		exchange(t, call, "oversized")
		if dropped("oversize") < before+2 {
			t.Error("oversized datagrams not counted")
		}
	})
	t.Run("replayed", func(t *testing.T) {
		seq := a.seqV + 1
		a.proxy.mu.Lock()
		a.proxy.captureUp = func(p []byte) bool { return isRTPFrom(p, a.videoSSRC, seq) }
		a.proxy.mu.Unlock()
		a.sendVideo(t, "original")
		orig := waitCaptured(t, a.proxy)
		b.waitPayload(testCtx(t), t, "original", nil)
		before := dropped("decrypt")
		for range 3 {
			a.proxy.replay(orig)
		}
		sendRaw(t, to, orig) // from an unknown address
		exchange(t, call, "replayed")
		if got := dropped("decrypt") - before; got != 3 {
			t.Errorf("replays rejected = %d, want 3", got)
		}
	})
	t.Run("unknown ufrag and bad integrity", func(t *testing.T) {
		u, w := dropped("unknown_ufrag"), dropped("auth")
		sendRaw(t, to, bindingRequest(t, "nosuchufrag:x", "whatever-password-123"))
		sendRaw(t, to, bindingRequest(t, a.ep.Local().Ufrag+":x", "wrong-password-000000000"))
		exchange(t, call, "stun")
		if dropped("unknown_ufrag") != u+1 || dropped("auth") != w+1 {
			t.Errorf("unknown ufrag %d->%d, auth %d->%d", u, dropped("unknown_ufrag"), w, dropped("auth"))
		}
	})
	t.Run("bad DTLS fingerprint", func(t *testing.T) {
		c := newTestClient(t, conf, "mallory")
		offer := c.offer([]*testClient{a, b}, nil)
		c.answerWith(t, offer, func(r *RemoteTransport) {
			r.Fingerprints[0].Value = strings.Repeat("AB:", 31) + "AB"
		})
		ctx := testCtx(t)
		for c.ep.State() != TransportFailed {
			select {
			case ev := <-s.Events():
				if e, ok := ev.(TransportStateChanged); ok && e.Endpoint == "mallory" && e.State == TransportFailed {
					if !errors.Is(e.Err, ErrFingerprint) {
						t.Errorf("failure %v, want a fingerprint mismatch", e.Err)
					}
				}
			case <-ctx.Done():
				t.Fatalf("bad fingerprint accepted: state %v", c.ep.State())
			}
		}
		if c.ep.tr.Load() != nil {
			t.Fatal("SRTP keys installed despite the bad fingerprint")
		}
		exchange(t, call, "fingerprint")
	})
}

func waitCaptured(t *testing.T, p *udpProxy) []byte {
	t.Helper()
	select {
	case b := <-p.captured:
		return b
	case <-testCtx(t).Done():
		t.Fatal("nothing captured")
	}
	return nil
}
