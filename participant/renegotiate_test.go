package participant

import (
	"context"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant/jinglesdp"
	"github.com/jitsi-go/jitsi-go/participant/media"
	"github.com/pion/webrtc/v3"
)

// TestSessionSourceAddRemove has the peer add a second remote video source
// mid-call: the participant gets a source-add, renegotiates, and receives
// the new stream intact; a source-remove then rejects its m-line.
func TestSessionSourceAddRemove(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p := newPeer(t)
	s := NewSession(Config{Endpoint: "ep1", SenderID: 7, Audio: true})
	defer s.Close()
	init := p.initiate(t)
	acc, err := s.Accept(ctx, init)
	if err != nil {
		t.Fatal(err)
	}
	p.accept(t, acc, "ep1")

	// The peer adds a track: a new sendonly m-line, offered again.
	extra, _ := webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}, "rv2", "remote2")
	if _, err := p.pc.AddTransceiverFromTrack(extra, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendonly}); err != nil {
		t.Fatal(err)
	}
	offer, err := p.pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.pc.SetLocalDescription(offer); err != nil {
		t.Fatal(err)
	}
	contents, _, err := jinglesdp.ToJingle(offer.SDP, jinglesdp.AnswerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var added jingle.EndpointSources
	for _, src := range contents[1].Description.Sources { // video: rv then rv2
		if src.MSID() == "remote2 rv2" {
			added = jingle.EndpointSources{Owner: "remote2", Video: []jingle.Source{src}}
		}
	}
	if len(added.Video) != 1 {
		t.Fatalf("new source not in the offer: %+v", contents[1].Description.Sources)
	}
	msg, err := jingle.NewJSONMessage(jingle.ConferenceSourceMap{"remote2": added})
	if err != nil {
		t.Fatal(err)
	}
	add := &jingle.Jingle{Action: jingle.ActionSourceAdd, SID: init.SID, JSONMessage: msg}
	if err := s.SourceAdd(add); err != nil {
		t.Fatal(err)
	}
	// The bridge side takes the participant's current answer as is.
	if err := p.pc.SetRemoteDescription(*s.pc.LocalDescription()); err != nil {
		t.Fatal(err)
	}
	v, err := media.NewVideoSender(media.VideoConfig{Sender: 98, PayloadType: ptVP8, Bitrate: 200_000}, extra)
	if err != nil {
		t.Fatal(err)
	}
	go pace(ctx, time.Second/30, v.Run)
	ssrc := added.Video[0].SSRC
	err = s.Receiver().Wait(ctx, func(ss []media.Stats) bool {
		for _, st := range ss {
			if st.SSRC == ssrc && st.Senders[98] >= 20 && st.BadPayloads == 0 {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("new source not received: %+v", s.Receiver().Stats())
	}

	remove := &jingle.Jingle{Action: jingle.ActionSourceRemove, SID: init.SID, JSONMessage: msg}
	if err := s.SourceRemove(remove); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.offer.MidOf(ssrc); ok {
		t.Fatal("removed source still in the offer")
	}
	for _, tr := range s.pc.GetTransceivers() {
		if tr.Mid() == "2" && tr.Direction() != webrtc.RTPTransceiverDirectionInactive {
			t.Fatalf("m-line of the removed source is %s", tr.Direction())
		}
	}
	if err := s.SourceAdd(&jingle.Jingle{Action: jingle.ActionSourceAdd, SID: "other", JSONMessage: msg}); err == nil {
		t.Fatal("source-add for another session accepted")
	}
}
