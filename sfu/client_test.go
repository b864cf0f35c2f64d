package sfu

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/pion/ice/v2"
	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v3"
)

const (
	ptOpus = 111
	ptVP8  = 100
	extAL  = 1
	extTCC = 5
)

// rxPacket is an RTP packet a test client received on a remote track.
type rxPacket struct {
	kind    webrtc.RTPCodecType
	ssrc    uint32
	seq     uint16
	payload string
}

// testClient is a real pion/webrtc PeerConnection acting as a Jitsi client.
type testClient struct {
	id        string
	pc        *webrtc.PeerConnection
	audio     *webrtc.TrackLocalStaticRTP
	video     *webrtc.TrackLocalStaticRTP
	aSender   *webrtc.RTPSender
	vSender   *webrtc.RTPSender
	audioSSRC uint32
	videoSSRC uint32
	ep        *Endpoint
	rx        chan rxPacket
	rtcpIn    chan rtcp.Packet
	seqA      uint16
	seqV      uint16
	tccSeq    uint16
	proxy     *udpProxy
	// simulcast: extra layers above the primary video track, lowest first
	layers    []*webrtc.TrackLocalStaticRTP
	layerSSRC []uint32
	layerSeq  []uint16
}

func testEndpointOptions() EndpointOptions {
	return EndpointOptions{
		Codecs: []Codec{
			{PayloadType: ptOpus, Name: "opus", ClockRate: 48000},
			{PayloadType: ptVP8, Name: "VP8", ClockRate: 90000},
		},
		HeaderExtensions: map[string]uint8{ExtAudioLevel: extAL, ExtTCC: extTCC},
	}
}

func newTestPC(t *testing.T) *webrtc.PeerConnection {
	t.Helper()
	m := &webrtc.MediaEngine{}
	must(t, m.RegisterCodec(webrtc.RTPCodecParameters{
		RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2},
		PayloadType:        ptOpus,
	}, webrtc.RTPCodecTypeAudio))
	must(t, m.RegisterCodec(webrtc.RTPCodecParameters{
		RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000,
			RTCPFeedback: []webrtc.RTCPFeedback{{Type: "nack"}, {Type: "nack", Parameter: "pli"}, {Type: "ccm", Parameter: "fir"}}},
		PayloadType: ptVP8,
	}, webrtc.RTPCodecTypeVideo))
	must(t, m.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: ExtAudioLevel}, webrtc.RTPCodecTypeAudio))
	must(t, m.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: ExtTCC}, webrtc.RTPCodecTypeVideo))
	ir := &interceptor.Registry{}
	must(t, webrtc.RegisterDefaultInterceptors(m, ir))
	se := webrtc.SettingEngine{}
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	se.SetIncludeLoopbackCandidate(true)
	se.SetIPFilter(func(ip net.IP) bool { return ip.IsLoopback() })
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	api := webrtc.NewAPI(webrtc.WithMediaEngine(m), webrtc.WithSettingEngine(se), webrtc.WithInterceptorRegistry(ir))
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	must(t, err)
	t.Cleanup(func() { _ = pc.Close() })
	return pc
}

func newTestClient(t *testing.T, conf *Conference, id string) *testClient {
	t.Helper()
	c := &testClient{id: id, pc: newTestPC(t), rx: make(chan rxPacket, 4096), rtcpIn: make(chan rtcp.Packet, 1024)}
	var err error
	c.audio, err = webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2}, id+"-a0", id)
	must(t, err)
	c.video, err = webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}, id+"-v0", id)
	must(t, err)
	c.aSender, err = c.pc.AddTrack(c.audio)
	must(t, err)
	c.vSender, err = c.pc.AddTrack(c.video)
	must(t, err)
	c.audioSSRC = uint32(c.aSender.GetParameters().Encodings[0].SSRC)
	c.videoSSRC = uint32(c.vSender.GetParameters().Encodings[0].SSRC)
	for _, s := range []*webrtc.RTPSender{c.aSender, c.vSender} {
		go c.readRTCP(s)
	}
	c.pc.OnTrack(func(tr *webrtc.TrackRemote, r *webrtc.RTPReceiver) {
		go c.readTrack(tr)
		go c.readReceiverRTCP(r)
	})
	c.ep, err = conf.AddEndpoint(id, testEndpointOptions())
	must(t, err)
	return c
}

func (c *testClient) readRTCP(s *webrtc.RTPSender) {
	for {
		pkts, _, err := s.ReadRTCP()
		if err != nil {
			return
		}
		for _, p := range pkts {
			select {
			case c.rtcpIn <- p:
			default:
			}
		}
	}
}

func (c *testClient) readReceiverRTCP(r *webrtc.RTPReceiver) {
	for {
		pkts, _, err := r.ReadRTCP()
		if err != nil {
			return
		}
		for _, p := range pkts {
			select {
			case c.rtcpIn <- p:
			default:
			}
		}
	}
}

func (c *testClient) readTrack(tr *webrtc.TrackRemote) {
	for {
		p, _, err := tr.ReadRTP()
		if err != nil {
			return
		}
		select {
		case c.rx <- rxPacket{kind: tr.Kind(), ssrc: p.SSRC, seq: p.SequenceNumber, payload: string(p.Payload)}:
		default:
		}
	}
}

// sources is what the focus would signal for this client.
func (c *testClient) sources() []Source {
	v := Source{Name: c.id + "-v0", Kind: Video, SSRCs: append([]uint32{c.videoSSRC}, c.layerSSRC...)}
	if len(c.layerSSRC) > 0 {
		v.Groups = []SSRCGroup{{Semantics: GroupSIM, SSRCs: v.SSRCs}}
	}
	return []Source{{Name: c.id + "-a0", Kind: Audio, SSRCs: []uint32{c.audioSSRC}}, v}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// waitPayload reads c.rx until a packet with the payload arrives. Every
// packet read is passed to seen (may be nil).
func (c *testClient) waitPayload(ctx context.Context, t *testing.T, want string, seen func(rxPacket)) rxPacket {
	t.Helper()
	for {
		select {
		case p := <-c.rx:
			if seen != nil {
				seen(p)
			}
			if p.payload == want {
				return p
			}
		case <-ctx.Done():
			t.Fatalf("%s: %q never arrived: %v", c.id, want, ctx.Err())
		}
	}
}

// waitAll reads c.rx until every payload arrived, in any order.
func (c *testClient) waitAll(ctx context.Context, t *testing.T, payloads ...string) {
	t.Helper()
	want := map[string]bool{}
	for _, p := range payloads {
		want[p] = true
	}
	for len(want) > 0 {
		select {
		case p := <-c.rx:
			delete(want, p.payload)
		case <-ctx.Done():
			t.Fatalf("%s: missing %v: %v", c.id, want, ctx.Err())
		}
	}
}

// waitConnected waits for the PeerConnection to be connected.
func waitConnected(ctx context.Context, t *testing.T, cs ...*testClient) {
	t.Helper()
	for _, c := range cs {
		done := make(chan struct{})
		var once = make(chan struct{}, 1)
		once <- struct{}{}
		c.pc.OnConnectionStateChange(func(s webrtc.PeerConnectionState) {
			if s == webrtc.PeerConnectionStateConnected {
				select {
				case <-once:
					close(done)
				default:
				}
			}
		})
		if c.pc.ConnectionState() == webrtc.PeerConnectionStateConnected {
			continue
		}
		select {
		case <-done:
		case <-ctx.Done():
			t.Fatalf("%s: not connected (%v): %v", c.id, c.pc.ConnectionState(), ctx.Err())
		}
	}
}

// newTestSFU starts an SFU on 127.0.0.1 with a free port.
func newTestSFU(t testing.TB, cfg Config) *SFU {
	t.Helper()
	if !cfg.ListenAddr.IsValid() {
		cfg.ListenAddr = netip.MustParseAddrPort("127.0.0.1:0")
	}
	s, err := New(cfg)
	must(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// newCall connects n clients to one conference and waits for media paths.
func newCall(ctx context.Context, t *testing.T, s *SFU, n int) (*Conference, []*testClient) {
	t.Helper()
	conf, err := s.CreateConference("conf1")
	must(t, err)
	cs := make([]*testClient, n)
	for i := range cs {
		cs[i] = newTestClient(t, conf, fmt.Sprintf("ep%d", i))
	}
	connectAll(ctx, t, cs)
	return conf, cs
}

func connectAll(ctx context.Context, t *testing.T, cs []*testClient) {
	t.Helper()
	for i, c := range cs {
		var others []*testClient
		for j, o := range cs {
			if j != i {
				others = append(others, o)
			}
		}
		var cands []Candidate
		if c.proxy != nil {
			cands = []Candidate{{Priority: candidatePriority(126, 65535), Addr: c.proxy.clientSide(), Type: CandidateHost}}
		}
		c.answer(t, c.offer(others, cands))
		c.ep.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 720})
	}
	waitConnected(ctx, t, cs...)
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}
