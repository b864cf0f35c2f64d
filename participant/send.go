package participant

import (
	"context"
	"fmt"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant/media"
	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v3"
)

// Media are the running senders of a session.
type Media struct {
	Audio *media.AudioSender
	Video *media.VideoSender
}

// StartMedia starts the audio sender (every 20 ms) and the video sender (at
// FPS) on real tickers, and answers PLI/FIR with keyframes, until ctx ends
// or the session closes.
// It must follow Accept.
func (s *Session) StartMedia(ctx context.Context) (*Media, error) {
	s.mu.Lock()
	lm := s.local
	s.mu.Unlock()
	if lm == nil {
		return nil, fmt.Errorf("%w: media before session-initiate", ErrState)
	}
	ctx, cancel := context.WithCancel(ctx)
	context.AfterFunc(s.life, cancel)
	m := &Media{}
	var err error
	if lm.audio != nil {
		m.Audio, err = media.NewAudioSender(lm.audio, media.AudioConfig{Sender: s.cfg.SenderID, PayloadType: ptOpus,
			LevelExtID: extensionID(lm.audioSender, jingle.ExtAudioLevel)})
		if err != nil {
			return nil, err
		}
		m.Audio.SetLevel(30, true)
		go pace(ctx, media.AudioInterval, m.Audio.Run)
		go drainRTCP(lm.audioSender, "", nil)
	}
	if len(lm.video) > 0 {
		ws := make([]media.RTPWriter, len(lm.video))
		for i, t := range lm.video {
			ws[i] = t
		}
		m.Video, err = media.NewVideoSender(media.VideoConfig{Sender: s.cfg.SenderID, PayloadType: ptVP8,
			Bitrate: s.cfg.VideoBitrate, FPS: s.cfg.FPS}, ws...)
		if err != nil {
			return nil, err
		}
		go pace(ctx, time.Second/time.Duration(s.cfg.FPS), m.Video.Run)
		for i, t := range lm.video {
			go drainRTCP(lm.videoSender, t.RID(), func() { m.Video.RequestKeyframe(i) })
		}
	}
	return m, nil
}

// pace runs a sender on a ticker until ctx ends.
func pace(ctx context.Context, every time.Duration, run func(context.Context, <-chan time.Time) error) {
	t := time.NewTicker(every)
	defer t.Stop()
	_ = run(ctx, t.C)
}

// drainRTCP reads a sender's RTCP (needed by the interceptors) and calls
// keyframe on PLI or FIR. It ends when the sender stops.
func drainRTCP(s *webrtc.RTPSender, rid string, keyframe func()) {
	for {
		var pkts []rtcp.Packet
		var err error
		if rid == "" {
			pkts, _, err = s.ReadRTCP()
		} else {
			pkts, _, err = s.ReadSimulcastRTCP(rid)
		}
		if err != nil {
			return
		}
		for _, p := range pkts {
			switch p.(type) {
			case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
				if keyframe != nil {
					keyframe()
				}
			}
		}
	}
}

var _ media.RTPWriter = (*webrtc.TrackLocalStaticRTP)(nil)
