package loadtest

import (
	"cmp"
	"slices"
	"time"

	"github.com/jitsi-go/jitsi-go/participant"
	"github.com/jitsi-go/jitsi-go/participant/media"
)

// snapshot is one member's receive statistics at one moment, by SSRC.
type snapshot map[uint32]media.Stats

// take reads the stats of a member's session (empty before it joined).
func take(m *member) snapshot {
	s, _, _ := m.state()
	out := snapshot{}
	if s == nil {
		return out
	}
	for _, st := range s.Receiver().Stats() {
		out[st.SSRC] = st
	}
	return out
}

// ms converts a duration to milliseconds, keeping "not reached" as -1.
func ms(d time.Duration) float64 {
	if d < 0 {
		return -1
	}
	return float64(d) / float64(time.Millisecond)
}

// participantResult is a member's figures at the end of the measuring
// window [base, end] of length window; names maps trailer sender IDs to
// endpoints.
func participantResult(m *member, base, end snapshot, window time.Duration, names map[uint32]string) ParticipantResult {
	s, joined, err := m.state()
	r := ParticipantResult{Conference: m.room, Endpoint: m.endpoint, SendsAudio: m.audio, SendsVideo: m.video,
		Joined: joined, ToSessionInitiateMs: -1, ToICEMs: -1, ToDTLSMs: -1, ToFirstAudioMs: -1, ToFirstVideoMs: -1,
		JoinMs: -1, Streams: []StreamResult{}}
	if err != nil {
		r.Error = err.Error()
	}
	if s != nil {
		fillTimings(&r, s.Timings())
	}
	for _, st := range sortedStats(end) {
		r.Streams = append(r.Streams, streamResult(st, base[st.SSRC], window, names))
	}
	return r
}

// fillTimings converts the session's join timings.
func fillTimings(r *ParticipantResult, t participant.Timings) {
	toInit, toICE, toDTLS, toAudio, toVideo := t.Since()
	r.ToSessionInitiateMs, r.ToICEMs, r.ToDTLSMs = ms(toInit), ms(toICE), ms(toDTLS)
	r.ToFirstAudioMs, r.ToFirstVideoMs = ms(toAudio), ms(toVideo)
	first := t.FirstAudio
	if first.IsZero() || (!t.FirstVideo.IsZero() && t.FirstVideo.Before(first)) {
		first = t.FirstVideo
	}
	if !first.IsZero() && !t.ConferenceRequest.IsZero() {
		r.JoinMs = ms(first.Sub(t.ConferenceRequest))
	}
}

// streamResult is one stream's figures; its bitrate covers the window,
// everything else the stream's whole life.
func streamResult(st, base media.Stats, window time.Duration, names map[uint32]string) StreamResult {
	r := StreamResult{From: names[mainSender(st)], SSRC: st.SSRC, Kind: st.Kind, Packets: st.Packets, Bytes: st.Bytes,
		Expected: st.Expected, Lost: st.Lost, LossRate: st.LossRate(), JitterMs: ms(st.Jitter),
		Freezes: st.Freezes, FrozenMs: ms(st.FrozenFor)}
	if window > 0 && st.Bytes >= base.Bytes {
		r.BitrateBps = float64(st.Bytes-base.Bytes) * 8 / window.Seconds()
	}
	return r
}

// mainSender is the trailer sender ID most packets of a stream carried.
func mainSender(st media.Stats) uint32 {
	var best uint32
	var n uint64
	for id, c := range st.Senders {
		if c > n || (c == n && id < best) {
			best, n = id, c
		}
	}
	return best
}

// sortedStats returns a snapshot's streams by SSRC.
func sortedStats(s snapshot) []media.Stats {
	out := make([]media.Stats, 0, len(s))
	for _, st := range s {
		out = append(out, st)
	}
	slices.SortFunc(out, func(a, b media.Stats) int { return cmp.Compare(a.SSRC, b.SSRC) })
	return out
}

// received counts packets per flow (sender and kind) in a snapshot.
func received(s snapshot) map[flow]uint64 {
	out := map[flow]uint64{}
	for _, st := range s {
		for id, n := range st.Senders {
			out[flow{id, st.Kind}] += n
		}
	}
	return out
}

// receivesAll reports whether every expected flow brought more packets in
// now than in before (nil before: any packet at all).
func receivesAll(expect []flow, before, now map[flow]uint64) bool {
	if len(expect) == 0 {
		return false
	}
	for _, f := range expect {
		if now[f] <= before[f] {
			return false
		}
	}
	return true
}
