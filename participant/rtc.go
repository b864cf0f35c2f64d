package participant

import (
	"fmt"
	"net"
	"os"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/pion/ice/v2"
	"github.com/pion/interceptor"
	"github.com/pion/logging"
	"github.com/pion/webrtc/v3"
)

// Payload types and RTX pairing a stock jicofo offers (jicofo.codec defaults).
const (
	ptOpus = 111
	ptVP8  = 100
	ptRTX  = 96
)

var videoFeedback = []webrtc.RTCPFeedback{{Type: "goog-remb"}, {Type: "transport-cc"}, {Type: "ccm", Parameter: "fir"},
	{Type: "nack"}, {Type: "nack", Parameter: "pli"}}

// newAPI returns a pion API with the codecs our senders produce (Opus, VP8
// and its RTX), the header extensions Chrome negotiates with jicofo, pion's
// default interceptors (NACK, RTCP reports, TWCC), and ICE gathering limited
// to the addresses allow accepts (loopback if nil), without mDNS.
func newAPI(allow func(net.IP) bool) (*webrtc.API, error) { return newMuxAPI(allow, nil) }

// newMuxAPI is newAPI whose ICE uses mux, one socket, when it is not nil.
func newMuxAPI(allow func(net.IP) bool, mux ice.UDPMux) (*webrtc.API, error) {
	me := &webrtc.MediaEngine{}
	codecs := []struct {
		kind webrtc.RTPCodecType
		c    webrtc.RTPCodecParameters
	}{
		{webrtc.RTPCodecTypeAudio, webrtc.RTPCodecParameters{PayloadType: ptOpus, RTPCodecCapability: webrtc.RTPCodecCapability{
			MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2, SDPFmtpLine: "minptime=10;useinbandfec=1",
			RTCPFeedback: []webrtc.RTCPFeedback{{Type: "transport-cc"}}}}},
		{webrtc.RTPCodecTypeVideo, webrtc.RTPCodecParameters{PayloadType: ptVP8, RTPCodecCapability: webrtc.RTPCodecCapability{
			MimeType: webrtc.MimeTypeVP8, ClockRate: 90000, RTCPFeedback: videoFeedback}}},
		{webrtc.RTPCodecTypeVideo, webrtc.RTPCodecParameters{PayloadType: ptRTX, RTPCodecCapability: webrtc.RTPCodecCapability{
			MimeType: "video/rtx", ClockRate: 90000, SDPFmtpLine: fmt.Sprintf("apt=%d", ptVP8)}}},
	}
	for _, c := range codecs {
		if err := me.RegisterCodec(c.c, c.kind); err != nil {
			return nil, fmt.Errorf("participant: codec %s: %w", c.c.MimeType, err)
		}
	}
	if err := registerExtensions(me); err != nil {
		return nil, err
	}
	ir := &interceptor.Registry{}
	if err := webrtc.RegisterDefaultInterceptors(me, ir); err != nil {
		return nil, fmt.Errorf("participant: interceptors: %w", err)
	}
	if allow == nil {
		allow = func(ip net.IP) bool { return ip.IsLoopback() }
	}
	var se webrtc.SettingEngine
	// pion logs to stdout by default, which would mix its lines into the
	// tables and JSON that cmd/loadtest prints there; PION_LOG_* still
	// selects levels.
	logs := logging.NewDefaultLoggerFactory()
	logs.Writer = os.Stderr
	se.LoggerFactory = logs
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	se.SetIPFilter(allow)
	se.SetIncludeLoopbackCandidate(true)
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	if mux != nil {
		se.SetICEUDPMux(mux)
	}
	return webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se)), nil
}

func registerExtensions(me *webrtc.MediaEngine) error {
	audio, video := webrtc.RTPCodecTypeAudio, webrtc.RTPCodecTypeVideo
	for _, h := range []struct {
		uri   string
		kinds []webrtc.RTPCodecType
	}{
		{jingle.ExtAudioLevel, []webrtc.RTPCodecType{audio}},
		{jingle.ExtMID, []webrtc.RTPCodecType{audio, video}},
		{jingle.ExtTransportCC, []webrtc.RTPCodecType{audio, video}},
		{jingle.ExtAbsSendTime, []webrtc.RTPCodecType{video}},
	} {
		for _, k := range h.kinds {
			if err := me.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: h.uri}, k); err != nil {
				return fmt.Errorf("participant: header extension %s: %w", h.uri, err)
			}
		}
	}
	return nil
}
