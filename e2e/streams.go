package e2e

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Stream is one getStats() inbound-rtp stream on a page's bridge peer
// connection, attributed to the remote participant whose track or SSRC
// lib-jitsi-meet maps it to ("" when none does, e.g. after the track left).
type Stream struct {
	SSRC        uint32 `json:"ssrc"`
	Kind        string `json:"kind"`  // audio or video
	Track       string `json:"track"` // trackIdentifier: the receiving MediaStreamTrack
	Participant string `json:"participant"`
	Packets     int64  `json:"packets"`
	Bytes       int64  `json:"bytes"`
}

// key names the stream independently of its attribution.
func (s Stream) key() string { return s.Kind + "/" + strconv.FormatUint(uint64(s.SSRC), 10) }

// Streams are one sample of a page's inbound-rtp streams.
type Streams []Stream

// InboundStreams reads the page's inbound-rtp streams with their owners.
func (p *Page) InboundStreams(ctx context.Context) (Streams, error) {
	var s Streams
	return s, p.Eval(ctx, call("inboundStreams"), &s)
}

// Of sums the streams of kind attributed to participant.
func (ss Streams) Of(participant, kind string) KindStats {
	var k KindStats
	for _, s := range ss {
		if s.Participant == participant && s.Kind == kind {
			k.Packets += s.Packets
			k.Bytes += s.Bytes
			k.Streams++
		}
	}
	return k
}

// Keys returns the keys of the streams of participant.
func (ss Streams) Keys(participant string) map[string]bool {
	keys := map[string]bool{}
	for _, s := range ss {
		if s.Participant == participant {
			keys[s.key()] = true
		}
	}
	return keys
}

// OfKeys sums the streams of kind whose keys are in keys, attributed or not.
func (ss Streams) OfKeys(keys map[string]bool, kind string) KindStats {
	var k KindStats
	for _, s := range ss {
		if keys[s.key()] && s.Kind == kind {
			k.Packets += s.Packets
			k.Bytes += s.Bytes
			k.Streams++
		}
	}
	return k
}

// Participants returns the endpoint IDs of the page's remote participants.
func (p *Page) Participants(ctx context.Context) ([]string, error) {
	var ids []string
	return ids, p.Eval(ctx, call("participants"), &ids)
}

// MuteParticipant asks the focus through lib-jitsi-meet's
// JitsiConference.muteParticipant to mute kind ("audio" or "video") of
// the participant id; the page must be a moderator.
func (p *Page) MuteParticipant(ctx context.Context, id, kind string) error {
	return p.Eval(ctx, "("+call("muteParticipant", id, kind)+", true)", nil)
}

// IsModerator reports whether the page's participant is a moderator.
func (p *Page) IsModerator(ctx context.Context) (bool, error) {
	var m bool
	return m, p.Eval(ctx, call("isModerator"), &m)
}

// Growth is what the streams of kind attributed to participant in last
// gained since first, stream by stream (SSRC): a stream first lacks counts
// in full, and a stream whose counters restarted counts from zero. Streams
// that froze (a closed peer connection) gain nothing.
func Growth(first, last Streams, participant, kind string) KindStats {
	before := map[string]Stream{}
	for _, s := range first {
		before[s.key()] = s
	}
	var g KindStats
	for _, s := range last {
		if s.Participant != participant || s.Kind != kind {
			continue
		}
		b, ok := before[s.key()]
		if !ok || s.Packets < b.Packets {
			b = Stream{}
		}
		g.Packets += s.Packets - b.Packets
		g.Bytes += s.Bytes - b.Bytes
		g.Streams++
	}
	return g
}

// MediaFrom waits until the page receives audio and video from the remote
// participant id: the inbound-rtp streams attributed to id grow by at least
// AudioGrowth and VideoGrowth (Growth) after the page's first sample. It
// returns the first and last samples.
func (p *Page) MediaFrom(ctx context.Context, id string) (first, last Streams, err error) {
	return p.KindsFrom(ctx, id, "audio", "video")
}

// KindsFrom is MediaFrom for the given kinds only.
func (p *Page) KindsFrom(ctx context.Context, id string, kinds ...string) (first, last Streams, err error) {
	started := false
	err = p.sampleUntil(ctx, func(s Streams) bool {
		if !started {
			first, started = s, true
			return false
		}
		last = s
		for _, k := range kinds {
			want := AudioGrowth
			if k == "video" {
				want = VideoGrowth
			}
			if !grew(KindStats{}, Growth(first, s, id, k), want) {
				return false
			}
		}
		return true
	})
	if err != nil {
		return first, last, fmt.Errorf("e2e: no %v from %s: first %+v, last %+v: %w", kinds, id, first, last, err)
	}
	return first, last, nil
}

// sampleStep is how often inbound streams are sampled while waiting.
const sampleStep = 4 * pollInterval

// sampleUntil samples the page's inbound streams until done says so or ctx
// ends; a conference that fails meanwhile ends the wait at once.
func (p *Page) sampleUntil(ctx context.Context, done func(Streams) bool) error {
	tick := time.NewTicker(sampleStep)
	defer tick.Stop()
	for {
		st, err := p.State(ctx)
		if err != nil {
			return err
		}
		if st.Conference == "failed" {
			return fmt.Errorf("e2e: conference failed: %s", st.Error)
		}
		s, err := p.InboundStreams(ctx)
		if err != nil {
			return err
		}
		if done(s) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}
