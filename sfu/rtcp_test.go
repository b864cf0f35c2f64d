package sfu

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pion/rtcp"
)

func TestForceMuteStopsAudio(t *testing.T) {
	s := newTestSFU(t, Config{})
	_, cs := newCall(testCtx(t), t, s, 2)
	warmUp(t, cs)
	exchange(t, cs, "before")
	a, b := cs[0], cs[1]
	ctx := testCtx(t)

	a.ep.ForceMute(true, false)
	for i := range 5 {
		a.sendAudio(t, fmt.Sprintf("muted-%d", i), 0)
	}
	a.sendVideo(t, "marker") // processed after the muted audio: one reader, one 5-tuple
	noMuted := func(p rxPacket) {
		if strings.HasPrefix(p.payload, "muted-") {
			t.Fatalf("force-muted audio %q reached %s", p.payload, b.id)
		}
	}
	b.waitPayload(ctx, t, "marker", noMuted)
	a.ep.ForceMute(false, false)
	a.sendAudio(t, "after", 0)
	b.waitPayload(ctx, t, "after", noMuted) // same SSRC: any muted packet would come first
	if got := s.Stats().Dropped["muted"]; got != 5 {
		t.Errorf("dropped muted = %d, want 5", got)
	}
}

func TestPLIReachesSender(t *testing.T) {
	s := newTestSFU(t, Config{})
	conf, cs := newCall(testCtx(t), t, s, 2)
	warmUp(t, cs)
	exchange(t, cs, "r1")
	a, b := cs[0], cs[1]
	must(t, b.pc.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{SenderSSRC: 1, MediaSSRC: a.videoSSRC}}))
	_, fbVideo := conf.FeedbackSSRCs()
	ctx := testCtx(t)
	for {
		select {
		case p := <-a.rtcpIn:
			if pli, ok := p.(*rtcp.PictureLossIndication); ok {
				if pli.MediaSSRC != a.videoSSRC || pli.SenderSSRC != fbVideo {
					t.Fatalf("PLI %+v, want media %d sender %d", pli, a.videoSSRC, fbVideo)
				}
				if n := a.ep.Stats().KeyframeRequests; n != 1 {
					t.Fatalf("keyframe requests = %d", n)
				}
				return
			}
		case <-ctx.Done():
			t.Fatal("PLI never reached the sender")
		}
	}
}

func TestNACKRetransmitted(t *testing.T) {
	s := newTestSFU(t, Config{})
	conf, err := s.CreateConference("nack")
	must(t, err)
	a, b := newTestClient(t, conf, "a"), newTestClient(t, conf, "b")
	b.proxy = newUDPProxy(t, s.LocalAddr())
	ctx := testCtx(t)
	connectAll(ctx, t, []*testClient{a, b})
	warmUp(t, []*testClient{a, b})
	exchange(t, []*testClient{a, b}, "r1")

	lost := a.seqV + 2
	dropped := make(chan struct{})
	b.proxy.mu.Lock()
	b.proxy.dropDown = func(p []byte) bool {
		if isRTPFrom(p, a.videoSSRC, lost) {
			select {
			case <-dropped: // only the first copy is lost
				return false
			default:
				close(dropped)
				return true
			}
		}
		return false
	}
	b.proxy.mu.Unlock()
	for i := range 6 {
		a.sendVideo(t, fmt.Sprintf("nack-%d", i))
	}
	p := b.waitPayload(ctx, t, "nack-1", nil)
	if p.seq != lost || p.ssrc != a.videoSSRC {
		t.Fatalf("retransmission seq %d ssrc %d, want %d %d", p.seq, p.ssrc, lost, a.videoSSRC)
	}
	select {
	case <-dropped:
	default:
		t.Fatal("the packet was never dropped")
	}
	if n := b.ep.Stats().Retransmitted; n == 0 {
		t.Fatal("no retransmission counted")
	}
}

func TestExpiredEndpointStopsReceiving(t *testing.T) {
	s := newTestSFU(t, Config{})
	conf, cs := newCall(testCtx(t), t, s, 3)
	warmUp(t, cs)
	exchange(t, cs, "r1")
	a, b, c := cs[0], cs[1], cs[2]
	c.ep.Expire()
	if c.ep.State() != TransportClosed || conf.Len() != 2 {
		t.Fatalf("state %v, len %d", c.ep.State(), conf.Len())
	}
	if _, ok := conf.Endpoint(c.id); ok {
		t.Fatal("expired endpoint still listed")
	}
	sent := c.ep.Stats().PacketsSent
	ctx := testCtx(t)
	for i := range 5 {
		a.sendAudio(t, fmt.Sprintf("post-%d", i), 0)
		a.sendVideo(t, fmt.Sprintf("postv-%d", i))
	}
	b.waitAll(ctx, t, "post-4", "postv-4")
	if got := c.ep.Stats().PacketsSent; got != sent {
		t.Fatalf("expired endpoint was sent %d packets", got-sent)
	}
	for {
		select {
		case p := <-c.rx:
			if strings.HasPrefix(p.payload, "post") {
				t.Fatalf("expired endpoint received %q", p.payload)
			}
			continue
		default:
		}
		break
	}
	exchange(t, []*testClient{a, b}, "r2")
	if err := c.ep.SetRemote(RemoteTransport{Ufrag: "u", Pwd: "p", Fingerprints: []Fingerprint{{Hash: "sha-256", Value: "00"}}}); err == nil {
		t.Fatal("SetRemote on an expired endpoint succeeded")
	}
}

// TestTCCFeedback: the bridge answers the sender's transport-wide sequence
// numbers with transport-cc feedback from its video feedback SSRC.
func TestTCCFeedback(t *testing.T) {
	s := newTestSFU(t, Config{})
	conf, cs := newCall(testCtx(t), t, s, 2)
	warmUp(t, cs)
	a := cs[0]
	for i := range 10 {
		a.sendVideo(t, fmt.Sprintf("tcc-%d", i))
	}
	_, fbVideo := conf.FeedbackSSRCs()
	ctx := testCtx(t)
	for {
		select {
		case p := <-a.rtcpIn:
			if cc, ok := p.(*rtcp.TransportLayerCC); ok {
				if cc.SenderSSRC != fbVideo || cc.MediaSSRC != a.videoSSRC || cc.PacketStatusCount == 0 {
					t.Fatalf("feedback %+v", cc)
				}
				return
			}
		case <-ctx.Done():
			t.Fatal("no transport-cc feedback")
		}
	}
}

// TestReportsTerminated: the bridge sends its own receiver reports to a
// sender and forwards the sender's SRs to receivers without report blocks.
func TestReportsTerminated(t *testing.T) {
	s := newTestSFU(t, Config{})
	conf, cs := newCall(testCtx(t), t, s, 2)
	warmUp(t, cs)
	a, b := cs[0], cs[1]
	_, fbVideo := conf.FeedbackSSRCs()
	ctx := testCtx(t)
	gotRR, gotSR := false, false
	for i := 0; !gotRR || !gotSR; i++ {
		a.sendVideo(t, fmt.Sprintf("rep-%d", i)) // keeps the sender's SR interceptor busy
		select {
		case p := <-a.rtcpIn:
			if rr, ok := p.(*rtcp.ReceiverReport); ok && rr.SSRC == fbVideo && len(rr.Reports) > 0 && rr.Reports[0].SSRC == a.videoSSRC {
				gotRR = true
			}
		case p := <-b.rtcpIn:
			if sr, ok := p.(*rtcp.SenderReport); ok && sr.SSRC == a.videoSSRC {
				if len(sr.Reports) != 0 {
					t.Fatalf("forwarded SR carries report blocks: %+v", sr)
				}
				gotSR = true
			}
		case <-ctx.Done():
			t.Fatalf("RR from bridge %v, SR forwarded %v", gotRR, gotSR)
		}
	}
}

// TestBridgeNACKsSender: a packet lost between sender and bridge is NACKed
// by the bridge, retransmitted by the sender and forwarded to the receiver.
func TestBridgeNACKsSender(t *testing.T) {
	s := newTestSFU(t, Config{})
	conf, err := s.CreateConference("upnack")
	must(t, err)
	a, b := newTestClient(t, conf, "a"), newTestClient(t, conf, "b")
	a.proxy = newUDPProxy(t, s.LocalAddr())
	ctx := testCtx(t)
	connectAll(ctx, t, []*testClient{a, b})
	warmUp(t, []*testClient{a, b})
	exchange(t, []*testClient{a, b}, "r1")

	lost := a.seqV + 2
	a.proxy.mu.Lock()
	dropped := false
	a.proxy.dropUp = func(p []byte) bool {
		if !dropped && isRTPFrom(p, a.videoSSRC, lost) {
			dropped = true
			return true
		}
		return false
	}
	a.proxy.mu.Unlock()
	for i := range 4 {
		a.sendVideo(t, fmt.Sprintf("up-%d", i))
	}
	p := b.waitPayload(ctx, t, "up-1", nil)
	if p.seq != lost {
		t.Fatalf("repaired packet seq %d, want %d", p.seq, lost)
	}
	a.proxy.mu.Lock()
	defer a.proxy.mu.Unlock()
	if !dropped {
		t.Fatal("the packet was never dropped")
	}
}
