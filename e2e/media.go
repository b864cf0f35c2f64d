package e2e

import (
	"context"
	"fmt"
	"time"
)

// AudioGrowth and VideoGrowth are how much inbound RTP must arrive between
// two getStats() samples for media of that kind to count as flowing: half a
// second of Opus at 50 packets/s, and about a second of Chromium's fake
// camera at the lowest simulcast layer.
var (
	AudioGrowth = KindStats{Packets: 25, Bytes: 1000}
	VideoGrowth = KindStats{Packets: 20, Bytes: 8000}
)

// WaitMediaFlowing waits until the page receives audio and video from the
// bridge: the inbound-rtp streams of both kinds exist and their packets
// and bytes grow by at least AudioGrowth and VideoGrowth after the first
// sample that shows them. It returns the first and last samples; a conference that fails
// meanwhile (CONFERENCE_FAILED) ends the wait at once.
func (p *Page) WaitMediaFlowing(ctx context.Context) (first, last InboundStats, err error) {
	tick := time.NewTicker(pollInterval * 4)
	defer tick.Stop()
	var started bool
	for {
		st, err := p.State(ctx)
		if err != nil {
			return first, last, err
		}
		if st.Conference == "failed" {
			return first, last, fmt.Errorf("e2e: conference failed while waiting for media: %s", st.Error)
		}
		s, err := p.InboundStats(ctx)
		if err != nil {
			return first, last, err
		}
		last = s
		switch {
		case !started && s.Audio.Packets > 0 && s.Video.Packets > 0:
			first, started = s, true
		case started && grew(first.Audio, s.Audio, AudioGrowth) && grew(first.Video, s.Video, VideoGrowth):
			return first, last, nil
		}
		select {
		case <-ctx.Done():
			return first, last, fmt.Errorf("e2e: media not flowing: first %+v, last %+v: %w", first, last, ctx.Err())
		case <-tick.C:
		}
	}
}

func grew(a, b, by KindStats) bool {
	return b.Packets-a.Packets >= by.Packets && b.Bytes-a.Bytes >= by.Bytes
}
