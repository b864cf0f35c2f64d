package jinglesdp

import (
	"slices"
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/pion/webrtc/v3"
)

// negotiate gives pc the offer and returns its answer.
func negotiate(t *testing.T, pc *webrtc.PeerConnection, sdp string) string {
	t.Helper()
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: sdp}); err != nil {
		t.Fatalf("SetRemoteDescription: %v\n%s", err, sdp)
	}
	ans, err := pc.CreateAnswer(nil)
	if err != nil {
		t.Fatalf("CreateAnswer: %v", err)
	}
	if err := pc.SetLocalDescription(ans); err != nil {
		t.Fatalf("SetLocalDescription: %v", err)
	}
	return pc.LocalDescription().SDP
}

func addTracks(t *testing.T, pc *webrtc.PeerConnection) (audio, video uint32) {
	t.Helper()
	ssrcs := make([]uint32, 2)
	for i, c := range []webrtc.RTPCodecCapability{{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2},
		{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}} {
		tr, err := webrtc.NewTrackLocalStaticRTP(c, []string{"a", "v"}[i]+"-track", "stream-ep1")
		if err != nil {
			t.Fatal(err)
		}
		s, err := pc.AddTrack(tr)
		if err != nil {
			t.Fatal(err)
		}
		ssrcs[i] = uint32(s.GetParameters().Encodings[0].SSRC)
	}
	return ssrcs[0], ssrcs[1]
}

// TestPionRoundTrip feeds every fixture offer (with candidates moved to
// loopback) to a real pion PeerConnection, turns its answer into a
// session-accept and checks what lib-jitsi-meet would send; then applies
// source-add and source-remove and renegotiates.
func TestPionRoundTrip(t *testing.T) {
	for _, fx := range []string{"session-initiate-json.xml", "session-initiate-elements.xml"} {
		t.Run(fx, func(t *testing.T) {
			j := fixture(t, fx)
			loopbackCandidates(j)
			o, err := FromJingle(j)
			if err != nil {
				t.Fatal(err)
			}
			pc := newPC(t)
			if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: o.SDP()}); err != nil {
				t.Fatal(err)
			}
			a, v := addTracks(t, pc)
			ans, err := pc.CreateAnswer(nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := pc.SetLocalDescription(ans); err != nil {
				t.Fatal(err)
			}
			rtx := v + 1
			annotated, err := Annotate(pc.LocalDescription().SDP, []LocalSource{
				{SSRCs: []uint32{a}, Name: "ep1-a0"},
				{SSRCs: []uint32{v}, RTX: []uint32{rtx}, Name: "ep1-v0", VideoType: "camera"}})
			if err != nil {
				t.Fatal(err)
			}
			lastN := 20
			contents, groups, err := ToJingle(annotated, AnswerOptions{Creator: jingle.CreatorResponder, InitialLastN: &lastN})
			if err != nil {
				t.Fatal(err)
			}
			checkAccept(t, contents, groups, a, v, rtx)
			renegotiate(t, o, pc)
		})
	}
}

func checkAccept(t *testing.T, contents []jingle.Content, groups []jingle.Group, a, v, rtx uint32) {
	t.Helper()
	names := make([]string, len(contents))
	for i, c := range contents {
		names[i] = c.Name
	}
	if !slices.Equal(names, []string{"audio", "video", "data"}) {
		t.Fatalf("contents %v", names)
	}
	if len(groups) != 1 || groups[0].Semantics != "BUNDLE" {
		t.Fatalf("groups %+v", groups)
	}
	j := &jingle.Jingle{Action: jingle.ActionSessionAccept, SID: "s", Contents: contents}
	if err := j.Validate(); err != nil {
		t.Fatal(err)
	}
	audio, video := j.Content("audio"), j.Content("video")
	if pt := audio.Description.PayloadTypeByName("opus"); pt == nil || pt.ID != 111 || pt.Channels != 2 {
		t.Fatalf("opus %+v", pt)
	}
	if pt := video.Description.PayloadTypeByName("VP8"); pt == nil || pt.ID != 100 || len(pt.RTCPFB) == 0 {
		t.Fatalf("VP8 %+v", pt)
	}
	if rtxPT := video.Description.PayloadType(96); rtxPT == nil {
		t.Fatal("rtx 96 not negotiated")
	} else if apt, _ := rtxPT.Param("apt"); apt != "100" {
		t.Fatalf("rtx apt %q", apt)
	}
	if video.Description.PayloadTypeByName("H264") != nil {
		t.Fatal("H264 answered though not supported")
	}
	if audio.Description.HdrExt(jingle.ExtAudioLevel) == nil || video.Description.HdrExt(jingle.ExtTransportCC) == nil {
		t.Fatal("header extensions missing")
	}
	if audio.Description.RTCPMux == nil || audio.Description.ExtmapAllowMixed == nil {
		t.Fatal("rtcp-mux or extmap-allow-mixed missing")
	}
	if video.InitialLastN == nil || video.InitialLastN.Value != 20 {
		t.Fatal("initial-last-n missing")
	}
	tr := audio.Transport
	if tr.Ufrag == "" || tr.Pwd == "" || len(tr.Fingerprints) == 0 || tr.Fingerprints[0].Setup != "active" {
		t.Fatalf("transport %+v", tr)
	}
	if d := j.Content("data"); d.Description != nil || d.Transport.SCTPMap == nil || d.Transport.SCTPMap.Number != 5000 {
		t.Fatalf("data content %+v", d)
	}
	own, err := jingle.EndpointSourcesFromContents("ep1", contents)
	if err != nil {
		t.Fatal(err)
	}
	if err := own.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(own.Audio) != 1 || own.Audio[0].SSRC != a || own.Audio[0].Name != "ep1-a0" || own.Audio[0].MSID() == "" {
		t.Fatalf("audio sources %+v", own.Audio)
	}
	if len(own.Video) != 2 || own.Video[0].SSRC != v || own.Video[1].SSRC != rtx || own.Video[0].VideoType != "camera" {
		t.Fatalf("video sources %+v", own.Video)
	}
	if len(own.VideoGroups) != 1 || own.VideoGroups[0].Semantics != "FID" {
		t.Fatalf("video groups %+v", own.VideoGroups)
	}
}

// renegotiate applies the source-add and source-remove fixtures and checks
// pion accepts each new offer, keeping one transceiver per m-line.
func renegotiate(t *testing.T, o *Offer, pc *webrtc.PeerConnection) {
	t.Helper()
	before := len(pc.GetTransceivers())
	for _, fx := range []string{"source-add-json.xml", "source-remove-json.xml"} {
		applyUpdate(t, o, fixture(t, fx))
		negotiate(t, pc, o.SDP())
	}
	if got := len(pc.GetTransceivers()); got != before+3 {
		t.Fatalf("%d transceivers after adding 3 m-lines to %d", got, before)
	}
}
