package sfu

import (
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/stun"
)

// fuzzRig is an SFU with two wired endpoints whose "clients" are local
// sockets nobody reads: everything the bridge sends stays on loopback.
type fuzzRig struct {
	s        *SFU
	a, b     *Endpoint
	aAddr    netip.AddrPort
	stranger netip.AddrPort
	keys     peerKeys
}

func newFuzzRig(t testing.TB) *fuzzRig {
	// No control-loop ticks: background coverage would make the fuzzer's
	// coverage flaky and stall minimization.
	s := newTestSFU(t, Config{TickInterval: time.Hour})
	conf, err := s.CreateConference("fuzz")
	must(t, err)
	a, err := conf.AddEndpoint("a", testEndpointOptions())
	must(t, err)
	b, err := conf.AddEndpoint("b", testEndpointOptions())
	must(t, err)
	sink := func() netip.AddrPort {
		c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		must(t, err)
		t.Cleanup(func() { c.Close() })
		return addrOf(c)
	}
	r := &fuzzRig{s: s, a: a, b: b, aAddr: sink(), stranger: sink()}
	r.keys = wireEndpoint(t, a, r.aAddr)
	wireEndpoint(t, b, sink())
	must(t, a.SetSources([]Source{
		{Name: "a-a0", Kind: Audio, SSRCs: []uint32{1}},
		{Name: "a-v0", Kind: Video, SSRCs: []uint32{2, 3, 4, 5}, Groups: []SSRCGroup{
			{Semantics: GroupSIM, SSRCs: []uint32{2, 3}}, {Semantics: GroupFID, SSRCs: []uint32{2, 4}}, {Semantics: GroupFID, SSRCs: []uint32{3, 5}},
		}},
	}))
	b.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 720})
	must(t, a.SetRemote(RemoteTransport{Ufrag: "cli", Pwd: "clientpasswordclientpwd", Fingerprints: []Fingerprint{{Hash: "sha-256", Value: "00", Setup: "active"}}}))
	return r
}

func (r *fuzzRig) seeds(t testing.TB) [][]byte {
	l := r.a.Local()
	stunReq := bindingRequest(t, l.Ufrag+":cli", l.Pwd)
	var out [][]byte
	out = append(out, stunReq, stunReq[:20], []byte{0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10}, []byte{})
	for _, ssrc := range []uint32{1, 2, 3, 4, 99} {
		p := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: ptVP8, SequenceNumber: 10, SSRC: ssrc}, Payload: []byte{0x10, 0x00, 0x9d, 0x01, 0x2a}}
		_ = p.Header.SetExtension(extAL, []byte{0x20})
		raw, _ := p.Marshal()
		enc, err := r.keys.send.EncryptRTP(nil, raw, nil)
		must(t, err)
		out = append(out, enc)
	}
	for _, pk := range []rtcp.Packet{
		&rtcp.PictureLossIndication{MediaSSRC: 2},
		&rtcp.TransportLayerNack{MediaSSRC: 2, Nacks: []rtcp.NackPair{{PacketID: 10, LostPackets: 0xffff}}},
		&rtcp.SenderReport{SSRC: 2, NTPTime: 1 << 40, RTPTime: 90000},
	} {
		raw, _ := rtcp.Marshal([]rtcp.Packet{pk})
		enc, err := r.keys.send.EncryptRTCP(nil, raw, nil)
		must(t, err)
		out = append(out, enc)
	}
	return out
}

// FuzzHandleDatagram feeds arbitrary datagrams into the demultiplexer from a
// bound client address and from a stranger. It must never panic, block, or
// let a stranger's datagram bind an address.
func FuzzHandleDatagram(f *testing.F) {
	r := newFuzzRig(f)
	for _, s := range r.seeds(f) {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, data []byte, known bool) {
		from := r.stranger
		if known {
			from = r.aAddr
		}
		buf := make([]byte, len(data), len(data)+64)
		copy(buf, data)
		r.s.handleDatagram(buf, from)
		if ep := r.s.lookupAddr(r.stranger); ep != nil {
			m := &stun.Message{Raw: append([]byte(nil), data...)}
			if m.Decode() != nil || stun.NewShortTermIntegrity(ep.local.Pwd).Check(m) != nil {
				t.Fatalf("stranger bound to %s without knowing its password", ep.id)
			}
			r.s.addrMu.Lock()
			delete(r.s.byAddr, r.stranger) // legitimate check: reset for the next input
			r.s.addrMu.Unlock()
		}
	})
}
