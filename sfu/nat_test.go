package sfu

import (
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/pion/webrtc/v3"
)

// TestNATMappingPrflx: with a 1:1 NAT mapping the answer carries a srflx
// candidate on the public address, and a client that only knows that
// address still connects: the bridge's checks reach it from the local
// address, which the client learns as peer-reflexive.
func TestNATMappingPrflx(t *testing.T) {
	public := netip.MustParseAddr("127.0.0.2") // nothing listens there: the public leg is dead
	s := newTestSFU(t, Config{NAT: []NATMapping{{Local: netip.MustParseAddr("127.0.0.1"), Public: public}}})
	conf, err := s.CreateConference("nat")
	must(t, err)
	a, b := newTestClient(t, conf, "a"), newTestClient(t, conf, "b")

	var srflx Candidate
	for _, c := range a.ep.Local().Candidates {
		if c.Type == CandidateSrflx {
			srflx = c
		}
	}
	want := netip.AddrPortFrom(public, s.LocalAddr().Port())
	if srflx.Addr != want || srflx.RelAddr != s.LocalAddr() {
		t.Fatalf("srflx candidate %+v, want %v raddr %v", srflx, want, s.LocalAddr())
	}

	ctx := testCtx(t)
	for _, pair := range [][2]*testClient{{a, b}, {b, a}} {
		c, other := pair[0], pair[1]
		must(t, c.pc.SetRemoteDescription(webrtc.SessionDescription{
			Type: webrtc.SDPTypeOffer, SDP: c.offer([]*testClient{other}, []Candidate{srflx}),
		}))
		ans, err := c.pc.CreateAnswer(nil)
		must(t, err)
		gathered := webrtc.GatheringCompletePromise(c.pc)
		must(t, c.pc.SetLocalDescription(ans))
		<-gathered
		r := remoteFromSDP(t, c.pc.LocalDescription().SDP)
		r.Candidates = candidatesFromSDP(t, c.pc.LocalDescription().SDP)
		if len(r.Candidates) == 0 {
			t.Fatal("client gathered no candidates")
		}
		must(t, c.ep.SetRemote(r))
		must(t, c.ep.SetSources(c.sources()))
		c.ep.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 720})
	}
	waitConnected(ctx, t, a, b)
	warmUp(t, []*testClient{a, b})
	exchange(t, []*testClient{a, b}, "nat")
	pair, err := a.pc.SCTP().Transport().ICETransport().GetSelectedCandidatePair()
	must(t, err)
	if pair.Remote.Typ != webrtc.ICECandidateTypePrflx || pair.Remote.Address != "127.0.0.1" || pair.Remote.Port != s.LocalAddr().Port() {
		t.Fatalf("client selected remote %v, want prflx 127.0.0.1:%d", pair.Remote, s.LocalAddr().Port())
	}
}

func candidatesFromSDP(t *testing.T, sdp string) []Candidate {
	t.Helper()
	var out []Candidate
	for _, line := range strings.Split(sdp, "\r\n") {
		v, ok := strings.CutPrefix(line, "a=candidate:")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) < 8 || !strings.EqualFold(f[2], "udp") {
			continue
		}
		ap, err := netip.ParseAddrPort(f[4] + ":" + f[5])
		if err != nil {
			continue
		}
		prio, err := strconv.ParseUint(f[3], 10, 32)
		if err != nil {
			continue
		}
		out = append(out, Candidate{Priority: uint32(prio), Addr: ap, Type: CandidateType(f[7])})
	}
	return out
}
