package participant

import (
	"fmt"
	"math/rand/v2"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant/jinglesdp"
	"github.com/pion/webrtc/v3"
)

// simulcastRIDs name the three encodings, lowest first.
var simulcastRIDs = []string{"q", "h", "f"}

// localMedia is what the participant sends: one audio track, one video
// track with one or three encodings, their senders and signalled SSRCs.
type localMedia struct {
	audio       *webrtc.TrackLocalStaticRTP
	audioSender *webrtc.RTPSender
	video       []*webrtc.TrackLocalStaticRTP
	videoSender *webrtc.RTPSender
	audioSSRC   uint32
	videoSSRCs  []uint32
	rtxSSRCs    []uint32
}

// addLocalMedia adds the configured tracks; pion puts them on the first
// audio and video m-lines, the sendrecv ones.
func addLocalMedia(pc *webrtc.PeerConnection, cfg Config) (*localMedia, error) {
	lm := &localMedia{}
	stream := cfg.Endpoint + "-stream"
	if cfg.Audio {
		t, err := webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2},
			cfg.Endpoint+"-audio", stream)
		if err != nil {
			return nil, fmt.Errorf("participant: audio track: %w", err)
		}
		if lm.audioSender, err = pc.AddTrack(t); err != nil {
			return nil, fmt.Errorf("%w: add audio: %v", ErrNegotiation, err)
		}
		lm.audio, lm.audioSSRC = t, uint32(lm.audioSender.GetParameters().Encodings[0].SSRC)
	}
	if cfg.Video {
		if err := lm.addVideo(pc, cfg, stream); err != nil {
			return nil, err
		}
	}
	return lm, nil
}

func (lm *localMedia) addVideo(pc *webrtc.PeerConnection, cfg Config, stream string) error {
	codec := webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}
	rids := []string{""}
	if cfg.Simulcast {
		rids = simulcastRIDs
	}
	for i, rid := range rids {
		var opts []func(*webrtc.TrackLocalStaticRTP)
		if rid != "" {
			opts = append(opts, webrtc.WithRTPStreamID(rid))
		}
		t, err := webrtc.NewTrackLocalStaticRTP(codec, cfg.Endpoint+"-video", stream, opts...)
		if err != nil {
			return fmt.Errorf("participant: video track: %w", err)
		}
		if i == 0 {
			lm.videoSender, err = pc.AddTrack(t)
		} else {
			err = lm.videoSender.AddEncoding(t)
		}
		if err != nil {
			return fmt.Errorf("%w: add video %q: %v", ErrNegotiation, rid, err)
		}
		lm.video = append(lm.video, t)
	}
	for _, e := range lm.videoSender.GetParameters().Encodings {
		lm.videoSSRCs = append(lm.videoSSRCs, uint32(e.SSRC))
		if cfg.SignalRTX {
			lm.rtxSSRCs = append(lm.rtxSSRCs, rand.Uint32()|1)
		}
	}
	return nil
}

// sources describes the local sources for jinglesdp.Annotate.
func (lm *localMedia) sources(cfg Config) []jinglesdp.LocalSource {
	var out []jinglesdp.LocalSource
	if lm.audio != nil {
		out = append(out, jinglesdp.LocalSource{SSRCs: []uint32{lm.audioSSRC}, Name: cfg.Endpoint + "-a0"})
	}
	if len(lm.video) > 0 {
		out = append(out, jinglesdp.LocalSource{SSRCs: lm.videoSSRCs, RTX: lm.rtxSSRCs, Name: cfg.Endpoint + "-v0",
			VideoType: jingle.VideoTypeCamera})
	}
	return out
}

// extensionID returns the negotiated ID of a header extension on a sender.
func extensionID(s *webrtc.RTPSender, uri string) uint8 {
	if s == nil {
		return 0
	}
	for _, h := range s.GetParameters().HeaderExtensions {
		if h.URI == uri {
			return uint8(h.ID)
		}
	}
	return 0
}
