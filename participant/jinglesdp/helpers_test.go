package jinglesdp

import (
	"flag"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/pion/ice/v2"
	"github.com/pion/webrtc/v3"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestMain runs the tests in a private network namespace where only lo
// exists, so no ICE check can leave the machine.
func TestMain(m *testing.M) { os.Exit(testenv.NetNSMain(m)) }

// fixture reads a Jingle IQ from the jingle package's testdata.
func fixture(t testing.TB, name string) *jingle.Jingle {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "jingle", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	iq, err := jingle.DecodeIQ(data)
	if err != nil {
		t.Fatal(err)
	}
	j, err := iq.Payload()
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// loopbackCandidates points every candidate of j at 127.0.0.1:9 so that a
// PeerConnection given the offer checks nothing beyond loopback.
func loopbackCandidates(j *jingle.Jingle) {
	for i := range j.Contents {
		if t := j.Contents[i].Transport; t != nil {
			for k := range t.Candidates {
				t.Candidates[k].IP, t.Candidates[k].Port = "127.0.0.1", 9
				t.Candidates[k].RelAddr, t.Candidates[k].RelPort = "", 0
				t.Candidates[k].Type = "host"
			}
		}
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testenv.Golden(t, filepath.Join("testdata", name), []byte(got), *update)
}

// newPC returns a PeerConnection with Chrome's codec set under jicofo's
// payload types, gathering only on loopback.
func newPC(t testing.TB) *webrtc.PeerConnection {
	t.Helper()
	me := &webrtc.MediaEngine{}
	videoFB := []webrtc.RTCPFeedback{{Type: "goog-remb"}, {Type: "transport-cc"}, {Type: "ccm", Parameter: "fir"},
		{Type: "nack"}, {Type: "nack", Parameter: "pli"}}
	codecs := []struct {
		kind webrtc.RTPCodecType
		c    webrtc.RTPCodecParameters
	}{
		{webrtc.RTPCodecTypeAudio, webrtc.RTPCodecParameters{PayloadType: 111, RTPCodecCapability: webrtc.RTPCodecCapability{
			MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2, SDPFmtpLine: "minptime=10;useinbandfec=1",
			RTCPFeedback: []webrtc.RTCPFeedback{{Type: "transport-cc"}}}}},
		{webrtc.RTPCodecTypeVideo, webrtc.RTPCodecParameters{PayloadType: 100, RTPCodecCapability: webrtc.RTPCodecCapability{
			MimeType: webrtc.MimeTypeVP8, ClockRate: 90000, RTCPFeedback: videoFB}}},
		{webrtc.RTPCodecTypeVideo, webrtc.RTPCodecParameters{PayloadType: 96, RTPCodecCapability: webrtc.RTPCodecCapability{
			MimeType: "video/rtx", ClockRate: 90000, SDPFmtpLine: "apt=100"}}},
	}
	for _, c := range codecs {
		if err := me.RegisterCodec(c.c, c.kind); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range []struct {
		uri   string
		kinds []webrtc.RTPCodecType
	}{
		{jingle.ExtAudioLevel, []webrtc.RTPCodecType{webrtc.RTPCodecTypeAudio}},
		{jingle.ExtMID, []webrtc.RTPCodecType{webrtc.RTPCodecTypeAudio, webrtc.RTPCodecTypeVideo}},
		{jingle.ExtTransportCC, []webrtc.RTPCodecType{webrtc.RTPCodecTypeAudio, webrtc.RTPCodecTypeVideo}},
		{jingle.ExtAbsSendTime, []webrtc.RTPCodecType{webrtc.RTPCodecTypeVideo}},
	} {
		for _, k := range h.kinds {
			if err := me.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: h.uri}, k); err != nil {
				t.Fatal(err)
			}
		}
	}
	var se webrtc.SettingEngine
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	se.SetIPFilter(func(ip net.IP) bool { return ip.IsLoopback() })
	se.SetIncludeLoopbackCandidate(true)
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	pc, err := webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithSettingEngine(se)).NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pc.Close() })
	return pc
}
