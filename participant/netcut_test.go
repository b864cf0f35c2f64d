package participant

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/participant/media"
)

// TestCutConnDrops: a dropping socket neither sends nor delivers, and
// traffic resumes when the drop ends (a settable clock, no sleeping).
func TestCutConnDrops(t *testing.T) {
	now := time.Unix(1000, 0)
	a, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	b, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	c := &cutConn{PacketConn: a, now: func() time.Time { return now }}
	defer c.Close()
	send := func(from net.PacketConn, to net.Addr, msg string) {
		t.Helper()
		if _, err := from.WriteTo([]byte(msg), to); err != nil {
			t.Fatal(err)
		}
	}
	buf := make([]byte, 64)
	c.drop(time.Second)
	send(c, b.LocalAddr(), "lost out") // dropped by c
	send(b, c.LocalAddr(), "lost in")  // queued on loopback, discarded by c's read
	_ = a.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if n, _, err := c.ReadFrom(buf); err == nil {
		t.Errorf("read %q while dropping", buf[:n])
	}
	now = now.Add(2 * time.Second) // the drop is over
	send(b, c.LocalAddr(), "delivered")
	send(c, b.LocalAddr(), "sent")
	_ = a.SetReadDeadline(time.Now().Add(5 * time.Second))
	_ = b.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, _, err := c.ReadFrom(buf); err != nil || string(buf[:n]) != "delivered" {
		t.Errorf("c read %q, %v; want delivered", buf[:n], err)
	}
	if n, _, err := b.ReadFrom(buf); err != nil || string(buf[:n]) != "sent" {
		t.Errorf("b read %q, %v; want sent", buf[:n], err)
	}
}

// TestSessionCutNetwork: a session on its own socket connects to a pion
// peer; a temporary cut shows as lost packets on both sides after traffic
// resumes; closing the socket for good keeps the session closable; a
// session without its own socket refuses to cut.
func TestSessionCutNetwork(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p := newPeer(t)
	s := NewSession(Config{Endpoint: "ep3", SenderID: 8, Audio: true, Video: true, VideoBitrate: 200_000, OwnSocket: true})
	defer s.Close()
	if err := s.CutNetwork(time.Second); !errors.Is(err, ErrState) {
		t.Fatalf("cut before initiate: %v", err)
	}
	acc, err := s.Accept(ctx, p.initiate(t))
	if err != nil {
		t.Fatal(err)
	}
	p.accept(t, acc, "ep3")
	startSenders(ctx, t, p)
	if _, err := s.StartMedia(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Receiver().Wait(ctx, gotMedia(99, 10)); err != nil {
		t.Fatalf("participant received %+v: %v", s.Receiver().Stats(), err)
	}
	if err := s.CutNetwork(300 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	lostAudio := func(ss []media.Stats) bool {
		for _, st := range ss {
			if st.Kind == "audio" && st.Lost > 0 {
				return true
			}
		}
		return false
	}
	if err := s.Receiver().Wait(ctx, lostAudio); err != nil {
		t.Fatalf("participant saw no loss: %+v", s.Receiver().Stats())
	}
	if err := p.rx.Wait(ctx, lostAudio); err != nil {
		t.Fatalf("peer saw no loss: %+v", p.rx.Stats())
	}
	if err := s.CutNetwork(0); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.CutNetwork(time.Second); !errors.Is(err, ErrClosed) {
		t.Fatalf("cut after close: %v", err)
	}
	plain := NewSession(Config{Endpoint: "ep4"})
	defer plain.Close()
	if err := plain.CutNetwork(time.Second); !errors.Is(err, ErrNoSocket) {
		t.Fatalf("cut without own socket: %v", err)
	}
}
