package bridge

import (
	"slices"
	"strings"

	"github.com/jitsi-go/jitsi-go/sfu"
)

// eventLoop turns SFU events into bridge channel messages.
func (b *Bridge) eventLoop() {
	defer b.wg.Done()
	for {
		select {
		case <-b.ctx.Done():
			return
		case ev := <-b.sfu.Events():
			b.onEvent(ev)
		}
	}
}

func (b *Bridge) onEvent(ev sfu.Event) {
	switch e := ev.(type) {
	case sfu.DominantSpeakerChanged:
		b.onDominantSpeaker(e)
	case sfu.ForwardedSourcesChanged:
		b.onForwardedSources(e)
	case sfu.TransportStateChanged:
		b.onTransportState(e)
	}
}

func (b *Bridge) conferenceByID(id string) *conference {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.byID[id]
}

func (b *Bridge) onDominantSpeaker(e sfu.DominantSpeakerChanged) {
	c := b.conferenceByID(e.Conference)
	if c == nil {
		return
	}
	prev := e.Previous
	if prev == nil {
		prev = []string{}
	}
	msg := mustJSON(DominantSpeakerChange{Class: ClassDominantSpeaker, Endpoint: e.Endpoint, PreviousSpeakers: prev})
	for _, ep := range b.peers(c, nil) {
		ep.send(msg)
	}
}

// onForwardedSources sends ForwardedSources and, when the set of
// endpoints behind them changed, the legacy LastNEndpointsChangeEvent.
func (b *Bridge) onForwardedSources(e sfu.ForwardedSourcesChanged) {
	_, ep := b.lookup(e.Conference, e.Endpoint)
	if ep == nil {
		return
	}
	srcs := e.Sources
	if srcs == nil {
		srcs = []string{}
	}
	ep.send(mustJSON(ForwardedSources{Class: ClassForwardedSources, Sources: srcs}))
	owners := sourceOwners(srcs)
	ep.stMu.Lock()
	changed := ep.lastNEps == nil || !slices.Equal(owners, ep.lastNEps)
	ep.lastNEps = owners
	ep.stMu.Unlock()
	if changed {
		ep.send(mustJSON(LastNEndpointsChange{Class: ClassLastNEndpoints, Endpoints: owners}))
	}
}

// sourceOwners maps source names ("<endpoint>-v0") to their endpoints,
// in order, without duplicates.
func sourceOwners(srcs []string) []string {
	out := []string{}
	for _, s := range srcs {
		id := s
		if i := strings.LastIndex(s, "-"); i > 0 {
			id = s[:i]
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func (b *Bridge) onTransportState(e sfu.TransportStateChanged) {
	_, ep := b.lookup(e.Conference, e.Endpoint)
	if ep != nil {
		if e.Err != nil {
			ep.log.Warn("transport", "state", e.State.String(), "err", e.Err)
		} else {
			ep.log.Info("transport", "state", e.State.String())
		}
	}
	b.notify()
}
