package jingle

import (
	"reflect"
	"testing"

	"mellium.im/xmpp/stanza"
)

const (
	msidJVBAudio = "mixedmslabel mixedlabelaudio0"
	msidJVBVideo = "mixedmslabel mixedlabelvideo0"
)

// initiateSources is what both session-initiate fixtures signal.
func initiateSources() ConferenceSourceMap {
	const other = "5b6ad7c1-0a52-4d5e-9a0e-2b2f3cbf3b10-1 "
	return ConferenceSourceMap{
		"jvb": {
			Owner: "jvb",
			Audio: []Source{NewSource(3191927963, "jvb-a0", msidJVBAudio, "")},
			Video: []Source{NewSource(1863439907, "jvb-v0", msidJVBVideo, "")},
		},
		"7f3a9c21": {
			Owner: "7f3a9c21",
			Audio: []Source{NewSource(1410276543, "7f3a9c21-a0", other+"2d1f4c60-6e1c-4a4c-9d0b-bb0c2f8e35aa", "")},
			Video: []Source{
				NewSource(2229413651, "7f3a9c21-v0", other+"d0a5b0f4-86b4-4e2e-a2e5-0a7f1e5d0c31", ""),
				NewSource(3882941506, "7f3a9c21-v0", other+"d0a5b0f4-86b4-4e2e-a2e5-0a7f1e5d0c31", ""),
			},
			VideoGroups: []SSRCGroup{NewGroup(SemanticsFID, 2229413651, 3882941506)},
		},
	}
}

func checkInitiateCommon(t *testing.T, iq *IQ) *Jingle {
	j := wantAction(t, iq, stanza.SetIQ, ActionSessionInitiate)
	if j.Initiator != "focus@auth.example.com/focus" || j.SID != "2bcrb8gcoqf44" || len(j.Contents) != 3 {
		t.Fatalf("header %+v", j)
	}
	a := j.Content(ContentAudio)
	if a.Creator != CreatorInitiator || a.Senders != SendersBoth || a.Description.MaxPTime != 60 ||
		a.Description.RTCPMux == nil || a.Description.ExtmapAllowMixed == nil {
		t.Fatalf("audio content %+v", a)
	}
	opus := a.Description.PayloadTypeByName("OPUS")
	if v, _ := opus.Param("useinbandfec"); opus.ID != 111 || opus.Channels != 2 || v != "1" || opus.RTCPFB[0].Type != "transport-cc" {
		t.Fatalf("opus %+v", opus)
	}
	v := j.Content(ContentVideo).Description
	if h264 := v.PayloadType(107); h264 == nil || len(h264.RTCPFB) != 5 || v.HdrExt(ExtAV1Dependency).ID != 11 {
		t.Fatalf("video description %+v", v)
	}
	if apt, _ := v.PayloadType(96).Param("apt"); apt != "100" {
		t.Fatalf("rtx 96 apt %q", apt)
	}
	tr := j.Transport()
	if tr.Ufrag != "7g0bt1hqtdkj5v" || len(tr.Candidates) != 2 || tr.Candidates[1].RelPort != 10000 ||
		tr.Fingerprints[0].Setup != "actpass" || len(tr.WebSockets) != 1 {
		t.Fatalf("transport %+v", tr)
	}
	data := j.Content(ContentData)
	if data.Description.Media != MediaApplication || data.Transport.SCTPMap == nil || data.Transport.SCTPMap.Streams != 1024 {
		t.Fatalf("data content %+v", data)
	}
	if g := j.Bundle(); g == nil || !reflect.DeepEqual(g.Names(), []string{"audio", "video", "data"}) {
		t.Fatalf("bundle %+v", j.Groups)
	}
	if j.StartMuted == nil || !j.StartMuted.Audio || j.StartMuted.Video {
		t.Fatalf("startmuted %+v", j.StartMuted)
	}
	if bs := j.BridgeSession; bs.ID != "0f6e2d3c-9a1b-4c7e-8f25-3d4b5a6c7e81" || bs.Region != "us-east-1" || bs.IsRestart() {
		t.Fatalf("bridge-session %+v", bs)
	}
	return j
}

func checkSources(t *testing.T, j *Jingle, want ConferenceSourceMap) {
	t.Helper()
	got, err := j.Sources()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("sources\n got %+v\nwant %+v", got, want)
	}
	if err := got.Validate(); err != nil {
		t.Fatalf("validate: %v", err)
	}
}

func checkInitiateJSON(t *testing.T, iq *IQ) {
	j := checkInitiateCommon(t, iq)
	if j.JSONMessage == nil || len(j.Content(ContentVideo).Description.Sources) != 0 {
		t.Fatal("json form carries source elements")
	}
	checkSources(t, j, initiateSources())
}

func checkInitiateElements(t *testing.T, iq *IQ) {
	j := checkInitiateCommon(t, iq)
	if j.JSONMessage != nil {
		t.Fatal("element form carries a json-message")
	}
	want := initiateSources()
	for _, owner := range []string{"7f3a9c21"} { // camera is explicit in elements
		e := want[owner]
		for i := range e.Video {
			e.Video[i].VideoType = VideoTypeCamera
		}
	}
	checkSources(t, j, want)
}

func checkSessionAccept(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSessionAccept)
	if j.Responder != "room1@conference.example.com/abcd1234" || len(j.Extra) != 1 ||
		j.Extra[0].Name().Space != "jitsi:opentelemetry" {
		t.Fatalf("header %+v", j)
	}
	video := j.Content(ContentVideo)
	if video.Creator != CreatorResponder || video.InitialLastN == nil || video.InitialLastN.Value != 20 {
		t.Fatalf("video content %+v", video)
	}
	if red := j.Content(ContentAudio).Description.PayloadType(112); red == nil || red.Parameters[0].Value != "111/111" {
		t.Fatalf("red %+v", red)
	}
	tr := video.Transport
	if tr.Fingerprints[0].Setup != "active" || tr.Pwd != "v7ZzPq0y1X8nYt2kR4mB6sJd" || len(tr.Candidates) != 0 {
		t.Fatalf("transport %+v", tr)
	}
	if sm := j.Content(ContentData).Transport.SCTPMap; sm == nil || sm.Number != 5000 || sm.Streams != 0 {
		t.Fatalf("sctpmap %+v", sm)
	}
	e, err := EndpointSourcesFromContents("abcd1234", j.Contents)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Audio) != 1 || len(e.Video) != 6 || len(e.VideoGroups) != 4 || e.VideoGroups[0].Semantics != SemanticsSIM {
		t.Fatalf("sources %+v", e)
	}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if s := e.StripSimulcast(); len(s.Video) != 2 || len(s.VideoGroups) != 1 || s.Video[0].SSRC != 1147204962 {
		t.Fatalf("stripped %+v", s)
	}
}

func checkTransportInfo(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionTransportInfo)
	c := j.Contents[0].Transport.Candidates
	if j.Contents[0].Name != "0" || len(c) != 3 || c[1].Type != "srflx" || c[1].RelAddr != "192.168.1.23" ||
		c[2].TCPType != "active" || c[0].Network != 1 || c[0].Priority != 2122260223 {
		t.Fatalf("contents %+v", j.Contents)
	}
}

func checkTransportInfoRestart(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionTransportInfo)
	if tr := j.Transport(); tr.ICEGeneration != "1" || tr.Candidates[0].Generation != 1 {
		t.Fatalf("transport %+v", tr)
	}
}
