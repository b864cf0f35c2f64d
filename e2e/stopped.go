package e2e

import (
	"context"
	"fmt"
)

// stopWindow is how many consecutive samples (sampleStep apart, about a
// second in all) must show a stream not growing for it to count as stopped.
const stopWindow = 6

// stopSlack is how many packets a stopped stream may still gain across the
// window (one in flight when the sample was taken).
const stopSlack = 2

// StopCheck says which inbound media must stop and which must keep flowing.
type StopCheck struct {
	// Kind is the media kind checked: "audio" or "video".
	Kind string
	// Stopped are the keys (Streams.Keys) of the streams that must stop.
	Stopped map[string]bool
	// Flowing is a participant whose Kind must keep arriving meanwhile
	// ("" for none): proof that the page still receives and is sampled.
	Flowing string
}

// WaitStopped waits until, across stopWindow samples, the streams of
// c.Stopped gain at most stopSlack packets of c.Kind while the participant
// c.Flowing gains at least the growth of a flowing stream. It returns the
// first and last samples of that window.
func (p *Page) WaitStopped(ctx context.Context, c StopCheck) (first, last Streams, err error) {
	want := AudioGrowth
	if c.Kind == "video" {
		want = VideoGrowth
	}
	var window []Streams
	err = p.sampleUntil(ctx, func(s Streams) bool {
		window = append(window, s)
		if len(window) > stopWindow {
			window = window[1:]
		}
		if len(window) < stopWindow {
			return false
		}
		first, last = window[0], window[len(window)-1]
		stopped := last.OfKeys(c.Stopped, c.Kind).Packets-first.OfKeys(c.Stopped, c.Kind).Packets <= stopSlack
		flowing := c.Flowing == "" || grew(first.Of(c.Flowing, c.Kind), last.Of(c.Flowing, c.Kind), want)
		return stopped && flowing
	})
	if err != nil {
		return first, last, fmt.Errorf("e2e: %s of %v never stopped (with %q flowing): first %+v, last %+v: %w",
			c.Kind, c.Stopped, c.Flowing, first, last, err)
	}
	return first, last, nil
}
