package participant

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant/jinglesdp"
	"github.com/jitsi-go/jitsi-go/participant/media"
	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v3"
)

// TestMain runs the tests in a private network namespace with only lo.
func TestMain(m *testing.M) { os.Exit(testenv.NetNSMain(m)) }

// peer is a pion PeerConnection playing the bridge: it offers an audio and a
// video m-line carrying its own tracks, as a bridge forwards one remote
// participant, and counts what it receives.
type peer struct {
	pc           *webrtc.PeerConnection
	audio, video *webrtc.TrackLocalStaticRTP
	rx           *media.Receiver
}

func newPeer(t *testing.T) *peer {
	t.Helper()
	api, err := newAPI(nil)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pc.Close() })
	p := &peer{pc: pc, rx: media.NewReceiver(nil)}
	p.audio, _ = webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2}, "ra", "remote")
	p.video, _ = webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}, "rv", "remote")
	for _, tr := range []webrtc.TrackLocal{p.audio, p.video} {
		if _, err := pc.AddTransceiverFromTrack(tr, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendrecv}); err != nil {
			t.Fatal(err)
		}
	}
	pc.OnTrack(func(tr *webrtc.TrackRemote, _ *webrtc.RTPReceiver) {
		for {
			pkt, _, err := tr.ReadRTP()
			if err != nil {
				return
			}
			p.rx.Observe(pkt, tr.Kind().String(), tr.Codec().ClockRate)
		}
	})
	return p
}

// initiate makes the peer's offer into a session-initiate, its sources owned
// by "remote1".
func (p *peer) initiate(t *testing.T) *jingle.Jingle {
	t.Helper()
	offer, err := p.pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	gathered := webrtc.GatheringCompletePromise(p.pc)
	if err := p.pc.SetLocalDescription(offer); err != nil {
		t.Fatal(err)
	}
	<-gathered
	contents, groups, err := jinglesdp.ToJingle(p.pc.LocalDescription().SDP, jinglesdp.AnswerOptions{Creator: jingle.CreatorInitiator})
	if err != nil {
		t.Fatal(err)
	}
	for i := range contents {
		if d := contents[i].Description; d != nil {
			for k := range d.Sources {
				d.Sources[k].Info = &jingle.SSRCInfo{Owner: "remote1"}
			}
		}
	}
	return &jingle.Jingle{Action: jingle.ActionSessionInitiate, SID: "sid1", Initiator: "focus@auth.example/focus",
		Contents: contents, Groups: groups}
}

// accept turns the participant's session-accept into the peer's remote
// answer, the way a bridge test builds SDP from Jingle.
func (p *peer) accept(t *testing.T, acc *jingle.Jingle, owner string) {
	t.Helper()
	own, err := jingle.EndpointSourcesFromContents(owner, acc.Contents)
	if err != nil {
		t.Fatal(err)
	}
	ans, err := jinglesdp.NewOffer(acc.Transport(), acc.Contents, jingle.ConferenceSourceMap{owner: own})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: ans.SDP()}); err != nil {
		t.Fatalf("peer rejects the answer: %v\n%s", err, ans.SDP())
	}
}

func startSenders(ctx context.Context, t *testing.T, p *peer) {
	a, err := media.NewAudioSender(p.audio, media.AudioConfig{Sender: 99, PayloadType: ptOpus})
	if err != nil {
		t.Fatal(err)
	}
	v, err := media.NewVideoSender(media.VideoConfig{Sender: 99, PayloadType: ptVP8, Bitrate: 300_000, FPS: 30}, p.video)
	if err != nil {
		t.Fatal(err)
	}
	go pace(ctx, media.AudioInterval, a.Run)
	go pace(ctx, time.Second/30, v.Run)
}

// gotMedia holds when an audio and a video stream each brought n intact
// packets from sender.
func gotMedia(sender uint32, n uint64) func([]media.Stats) bool {
	return func(ss []media.Stats) bool {
		ok := map[string]bool{}
		for _, s := range ss {
			if s.Senders[sender] >= n && s.BadPayloads == 0 {
				ok[s.Kind] = true
			}
		}
		return ok["audio"] && ok["video"]
	}
}

// TestSessionMedia runs a participant against a pion peer on loopback:
// session-initiate → session-accept, ICE and DTLS, media both ways with
// intact payloads, and the join timings in order.
func TestSessionMedia(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p := newPeer(t)
	s := NewSession(Config{Endpoint: "ep1", SenderID: 7, Audio: true, Video: true, VideoBitrate: 300_000})
	defer s.Close()
	s.MarkConferenceRequest(time.Now())
	acc, err := s.Accept(ctx, p.initiate(t))
	if err != nil {
		t.Fatal(err)
	}
	if acc.Content("video").Description.Sources[0].Name != "ep1-v0" || acc.Content("audio").Description.Sources[0].Name != "ep1-a0" {
		t.Fatalf("source names in %+v", acc.Contents)
	}
	p.accept(t, acc, "ep1")
	startSenders(ctx, t, p)
	if _, err := s.StartMedia(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Receiver().Wait(ctx, gotMedia(99, 25)); err != nil {
		t.Fatalf("participant received %+v: %v", s.Receiver().Stats(), err)
	}
	if err := p.rx.Wait(ctx, gotMedia(7, 25)); err != nil {
		t.Fatalf("peer received %+v: %v", p.rx.Stats(), err)
	}
	// A PLI from the receiving side makes the sender emit a keyframe. The
	// first keyframe may have gone out before DTLS was up (pion drops those
	// writes), so count from what has arrived so far.
	vssrc := acc.Content("video").Description.Sources[0].SSRC
	before, _ := p.rx.Stream(vssrc)
	if err := p.pc.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{MediaSSRC: vssrc}}); err != nil {
		t.Fatal(err)
	}
	err = p.rx.Wait(ctx, func(ss []media.Stats) bool {
		for _, st := range ss {
			if st.SSRC == vssrc && st.Keyframes > before.Keyframes {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no keyframe after PLI: %+v", p.rx.Stats())
	}
	tm := s.Timings()
	toInit, toICE, toDTLS, toAudio, toVideo := tm.Since()
	for name, d := range map[string]time.Duration{"initiate": toInit, "ice": toICE, "dtls": toDTLS, "audio": toAudio, "video": toVideo} {
		if d < 0 {
			t.Errorf("%s not reached: %+v", name, tm)
		}
	}
	if tm.DTLSConnected.Before(tm.ICEConnected) {
		t.Errorf("DTLS before ICE: %+v", tm)
	}
	t.Logf("initiate→ICE %v, →DTLS %v, →audio %v, →video %v", toICE, toDTLS, toAudio, toVideo)
}

func TestSessionSimulcastAccept(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p := newPeer(t)
	s := NewSession(Config{Endpoint: "ep2", Audio: true, Video: true, Simulcast: true, SignalRTX: true})
	defer s.Close()
	init := p.initiate(t)
	acc, err := s.Accept(ctx, init)
	if err != nil {
		t.Fatal(err)
	}
	own, err := jingle.EndpointSourcesFromContents("ep2", acc.Contents)
	if err != nil {
		t.Fatal(err)
	}
	if err := own.Validate(); err != nil {
		t.Fatal(err)
	}
	var sim, fid int
	for _, g := range own.VideoGroups {
		switch g.Semantics {
		case jingle.SemanticsSIM:
			sim++
			if len(g.Sources) != 3 {
				t.Fatalf("SIM group %+v", g)
			}
		case jingle.SemanticsFID:
			fid++
		}
	}
	if len(own.Video) != 6 || sim != 1 || fid != 3 {
		t.Fatalf("video sources %d, SIM %d, FID %d", len(own.Video), sim, fid)
	}
	if _, err := s.Accept(ctx, init); !errors.Is(err, ErrState) {
		t.Fatal("second session-initiate accepted")
	}
}
