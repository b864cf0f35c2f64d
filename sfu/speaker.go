package sfu

import (
	"slices"
	"sync/atomic"
	"time"
)

const (
	speakerInterval   = 300 * time.Millisecond
	speechThreshold   = 30  // mean (127 - level dBov) needed to count as speech
	speakerHysteresis = 1.2 // a new speaker must be this much louder
)

// speechMeter accumulates audio levels from the reader goroutine.
type speechMeter struct {
	sum, n atomic.Uint64
}

func (m *speechMeter) observe(level uint8) {
	m.sum.Add(uint64(127 - level))
	m.n.Add(1)
}

func (m *speechMeter) take() float64 {
	s, n := m.sum.Swap(0), m.n.Swap(0)
	if n == 0 {
		return 0
	}
	return float64(s) / float64(n)
}

// speakerState is guarded by Conference.mu.
type speakerState struct {
	dominant string
	order    []string // most recent speaker first
	energy   map[string]float64
	last     time.Time
}

func (s *speakerState) remove(id string) {
	s.order = slices.DeleteFunc(s.order, func(x string) bool { return x == id })
	delete(s.energy, id)
	if s.dominant == id {
		s.dominant = ""
	}
}

// speakerTick picks the dominant speaker from smoothed audio levels.
func (c *Conference) speakerTick(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := &c.speakers
	if now.Sub(s.last) < speakerInterval {
		return
	}
	s.last = now
	if s.energy == nil {
		s.energy = map[string]float64{}
	}
	best, bestE := "", 0.0
	for _, ep := range c.order {
		e := 0.6*s.energy[ep.id] + 0.4*ep.speech.take()
		s.energy[ep.id] = e
		if e > bestE {
			best, bestE = ep.id, e
		}
	}
	if best == "" || best == s.dominant || bestE < speechThreshold ||
		(s.dominant != "" && bestE < speakerHysteresis*s.energy[s.dominant]) {
		return
	}
	s.dominant = best
	c.sfu.stats.speakerChanges.Add(1)
	s.order = append([]string{best}, slices.DeleteFunc(s.order, func(x string) bool { return x == best })...)
	c.sfu.events.emit(DominantSpeakerChanged{
		Conference: c.id, Endpoint: best, Previous: append([]string(nil), s.order[1:]...),
	})
	c.dirty.Store(true)
}

// DominantSpeaker returns the current dominant speaker's endpoint id.
func (c *Conference) DominantSpeaker() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.speakers.dominant
}
