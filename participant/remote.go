package participant

import (
	"github.com/pion/webrtc/v3"
)

// watch records ICE and DTLS timings and starts a reader per remote track.
func (s *Session) watch(pc *webrtc.PeerConnection) {
	pc.OnICEConnectionStateChange(func(st webrtc.ICEConnectionState) {
		if st == webrtc.ICEConnectionStateConnected {
			s.mark(&s.timings.ICEConnected)
		}
	})
	pc.OnConnectionStateChange(func(st webrtc.PeerConnectionState) {
		if st == webrtc.PeerConnectionStateConnected {
			s.mark(&s.timings.DTLSConnected)
		}
	})
	pc.OnTrack(func(t *webrtc.TrackRemote, r *webrtc.RTPReceiver) {
		go s.readTrack(t, r)
	})
}

// readTrack feeds every packet of a remote track to the receiver until the
// track ends (PeerConnection closed or m-line rejected). RTCP is drained so
// the interceptors keep working.
func (s *Session) readTrack(t *webrtc.TrackRemote, r *webrtc.RTPReceiver) {
	go func() {
		for {
			if _, _, err := r.ReadRTCP(); err != nil {
				return
			}
		}
	}()
	kind := t.Kind().String()
	first := &s.timings.FirstAudio
	if t.Kind() == webrtc.RTPCodecTypeVideo {
		first = &s.timings.FirstVideo
	}
	rate := t.Codec().ClockRate
	for {
		p, _, err := t.ReadRTP()
		if err != nil {
			return
		}
		s.mark(first)
		s.rx.Observe(p, kind, rate)
	}
}
