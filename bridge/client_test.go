package bridge

import (
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/pion/ice/v2"
	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/sdp/v3"
	"github.com/pion/webrtc/v3"
	"nhooyr.io/websocket"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// rxPacket is an RTP packet a client received.
type rxPacket struct {
	ssrc    uint32
	payload string
}

// client is a real pion/webrtc PeerConnection driven the way jicofo and
// lib-jitsi-meet drive a browser: its remote SDP is built from the
// Colibri2 answer, its answer goes back to the bridge as a Colibri2 update.
type client struct {
	id, meetingID string
	pc            *webrtc.PeerConnection
	audio, video  *webrtc.TrackLocalStaticRTP
	audioSSRC     uint32
	videoSSRC     uint32
	bridgeTr      *colibri.Transport
	feedback      *colibri.Sources
	rx            chan rxPacket
	seqA, seqV    uint16
	ws            *websocket.Conn
	msgs          chan map[string]json.RawMessage
	closeErr      error // why the bridge channel ended (set before msgs closes)
	connected     chan struct{}
}

func newPC(t *testing.T) *webrtc.PeerConnection {
	t.Helper()
	m := &webrtc.MediaEngine{}
	must(t, m.RegisterCodec(webrtc.RTPCodecParameters{
		RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2},
		PayloadType:        ptOpus,
	}, webrtc.RTPCodecTypeAudio))
	must(t, m.RegisterCodec(webrtc.RTPCodecParameters{
		RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000,
			RTCPFeedback: []webrtc.RTCPFeedback{{Type: "nack"}, {Type: "nack", Parameter: "pli"}}},
		PayloadType: ptVP8,
	}, webrtc.RTPCodecTypeVideo))
	must(t, m.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: jingle.ExtAudioLevel}, webrtc.RTPCodecTypeAudio))
	must(t, m.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: jingle.ExtTransportCC}, webrtc.RTPCodecTypeVideo))
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

// newClient creates the PeerConnection and allocates its endpoint with a
// Colibri2 create (creating the conference too when first).
func newClient(t *testing.T, tb *testBridge, meetingID, id string, first bool) *client {
	t.Helper()
	c := &client{id: id, meetingID: meetingID, pc: newPC(t), rx: make(chan rxPacket, 4096), msgs: make(chan map[string]json.RawMessage, 256)}
	var err error
	c.audio, err = webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2}, id+"-a0", id)
	must(t, err)
	c.video, err = webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}, id+"-v0", id)
	must(t, err)
	as, err := c.pc.AddTrack(c.audio)
	must(t, err)
	vs, err := c.pc.AddTrack(c.video)
	must(t, err)
	c.audioSSRC = uint32(as.GetParameters().Encodings[0].SSRC)
	c.videoSSRC = uint32(vs.GetParameters().Encodings[0].SSRC)
	c.pc.OnTrack(func(tr *webrtc.TrackRemote, r *webrtc.RTPReceiver) {
		go c.readTrack(tr)
		go drainRTCP(r.ReadRTCP) // lets pion's report interceptor see SRs (LSR in its RRs)
	})
	c.connected = make(chan struct{})
	var once sync.Once
	c.pc.OnConnectionStateChange(func(s webrtc.PeerConnectionState) {
		if s == webrtc.PeerConnectionStateConnected {
			once.Do(func() { close(c.connected) })
		}
	})
	resp := tb.mustModify(t, createEndpoint(meetingID, id, first))
	ep := resp.Endpoint(id)
	if ep == nil || ep.Transport == nil || ep.Transport.ICEUDP == nil {
		t.Fatalf("%s: no transport in the answer", id)
	}
	c.bridgeTr, c.feedback = ep.Transport, resp.Sources
	return c
}

func (c *client) readTrack(tr *webrtc.TrackRemote) {
	for {
		p, _, err := tr.ReadRTP()
		if err != nil {
			return
		}
		select {
		case c.rx <- rxPacket{ssrc: p.SSRC, payload: string(p.Payload)}:
		default:
		}
	}
}

// sources is what jicofo signals for this client.
func (c *client) sources() *colibri.Sources {
	src := func(typ, name string, ssrc uint32) colibri.MediaSource {
		return colibri.MediaSource{Type: typ, ID: name, Sources: []jingle.Source{{SSRC: ssrc, Name: name}}}
	}
	return &colibri.Sources{MediaSources: []colibri.MediaSource{
		src(colibri.MediaAudio, c.id+"-a0", c.audioSSRC), src(colibri.MediaVideo, c.id+"-v0", c.videoSSRC),
	}}
}

// offer is the remote description jicofo would send in Jingle: the
// bridge's transport from Colibri2 and one send-only m-line per source of
// every other endpoint.
func (c *client) offer(others []*client) string {
	tr := c.bridgeTr.ICEUDP
	fp := tr.Fingerprints[0]
	var b strings.Builder
	mids := []string{"0", "1"}
	for i := range others {
		mids = append(mids, fmt.Sprint(2+2*i), fmt.Sprint(3+2*i))
	}
	fmt.Fprintf(&b, "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE %s\r\na=msid-semantic: WMS *\r\n", strings.Join(mids, " "))
	media := func(kind, mid, dir string, ssrc uint32, owner string) {
		pt, codec, ext, uri := ptOpus, "opus/48000/2", extAL, jingle.ExtAudioLevel
		if kind == "video" {
			pt, codec, ext, uri = ptVP8, "VP8/90000", extTCC, jingle.ExtTransportCC
		}
		fmt.Fprintf(&b, "m=%s 9 UDP/TLS/RTP/SAVPF %d\r\nc=IN IP4 0.0.0.0\r\na=mid:%s\r\na=%s\r\n", kind, pt, mid, dir)
		fmt.Fprintf(&b, "a=ice-ufrag:%s\r\na=ice-pwd:%s\r\na=fingerprint:%s %s\r\na=setup:%s\r\na=rtcp-mux\r\n", tr.Ufrag, tr.Pwd, fp.Hash, fp.Value, fp.Setup)
		fmt.Fprintf(&b, "a=rtpmap:%d %s\r\na=extmap:%d %s\r\n", pt, codec, ext, uri)
		if ssrc != 0 {
			fmt.Fprintf(&b, "a=msid:%s %s-%s\r\na=ssrc:%d cname:%s\r\na=ssrc:%d msid:%s %s-%s\r\n", owner, owner, kind, ssrc, owner, ssrc, owner, owner, kind)
		}
		for _, cd := range tr.Candidates {
			fmt.Fprintf(&b, "a=candidate:%s %d %s %d %s %d typ %s\r\n", cd.Foundation, cd.Component, cd.Protocol, cd.Priority, cd.IP, cd.Port, cd.Type)
		}
		b.WriteString("a=end-of-candidates\r\n")
	}
	media("audio", "0", "recvonly", 0, "")
	media("video", "1", "recvonly", 0, "")
	for i, o := range others {
		media("audio", mids[2+2*i], "sendonly", o.audioSSRC, o.id)
		media("video", mids[3+2*i], "sendonly", o.videoSSRC, o.id)
	}
	return b.String()
}

// accept applies the offer, answers, and sends the answer's transport and
// the client's sources to the bridge, as jicofo does after session-accept.
func (c *client) accept(t *testing.T, tb *testBridge, others []*client) {
	t.Helper()
	must(t, c.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: c.offer(others)}))
	ans, err := c.pc.CreateAnswer(nil)
	must(t, err)
	must(t, c.pc.SetLocalDescription(ans))
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: c.meetingID, Endpoints: []colibri.Endpoint{{
		ID: c.id, StatsID: "stats-" + c.id, Transport: &colibri.Transport{ICEUDP: iceFromSDP(t, ans.SDP)}, Sources: c.sources(),
	}}})
}

// iceFromSDP extracts the client's ICE-UDP transport from its answer.
func iceFromSDP(t *testing.T, s string) *jingle.ICEUDPTransport {
	t.Helper()
	var d sdp.SessionDescription
	must(t, d.Unmarshal([]byte(s)))
	get := func(key string) string {
		for _, a := range append(append([]sdp.Attribute(nil), d.Attributes...), d.MediaDescriptions[0].Attributes...) {
			if a.Key == key {
				return a.Value
			}
		}
		return ""
	}
	hash, value, _ := strings.Cut(get("fingerprint"), " ")
	return &jingle.ICEUDPTransport{Ufrag: get("ice-ufrag"), Pwd: get("ice-pwd"),
		Fingerprints: []jingle.Fingerprint{{Hash: hash, Value: value, Setup: get("setup")}}}
}

func (c *client) sendAudio(t *testing.T, payload string) {
	t.Helper()
	c.seqA++
	p := &rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: c.seqA, Timestamp: uint32(c.seqA) * 960}, Payload: []byte(payload)}
	must(t, p.Header.SetExtension(extAL, []byte{0}))
	must(t, c.audio.WriteRTP(p))
}

// sendVideo writes one VP8 keyframe packet.
func (c *client) sendVideo(t *testing.T, payload string) {
	t.Helper()
	c.seqV++
	p := &rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: c.seqV, Timestamp: uint32(c.seqV) * 3000, Marker: true},
		Payload: append([]byte{0x10, 0x00}, payload...)}
	must(t, c.video.WriteRTP(p))
}

// drainRTCP reads and discards RTCP until the reader fails.
func drainRTCP(read func() ([]rtcp.Packet, interceptor.Attributes, error)) {
	for {
		if _, _, err := read(); err != nil {
			return
		}
	}
}
