package bridge

import (
	"github.com/jitsi-go/jitsi-go/sfu"
)

// constraintsState is a receiver's ReceiverVideoConstraints merged over
// time: each message replaces only the fields it carries.
type constraintsState struct {
	received   bool
	lastN      int
	selected   []string
	onStage    []string
	defaultMax int // -1: not given
	maxHeight  map[string]int
}

func newConstraintsState() constraintsState {
	return constraintsState{lastN: -1, defaultMax: -1, maxHeight: map[string]int{}}
}

// merge applies a message. The legacy endpoint lists name endpoints; they
// stand for those endpoints' first camera source ("<id>-v0").
func (s *constraintsState) merge(m *ReceiverVideoConstraints) {
	s.received = true
	if m.LastN != nil {
		s.lastN = *m.LastN
	}
	if m.SelectedSources != nil {
		s.selected = append([]string(nil), (*m.SelectedSources)...)
	} else if m.SelectedEndpoints != nil {
		s.selected = endpointSources(*m.SelectedEndpoints)
	}
	if m.OnStageSources != nil {
		s.onStage = append([]string(nil), (*m.OnStageSources)...)
	} else if m.OnStageEndpoints != nil {
		s.onStage = endpointSources(*m.OnStageEndpoints)
	}
	if d := m.DefaultConstraints; d != nil {
		s.defaultMax = -1
		if d.MaxHeight != nil {
			s.defaultMax = max(*d.MaxHeight, 0)
		}
	}
	if m.Constraints != nil {
		s.maxHeight = map[string]int{}
		for name, c := range *m.Constraints {
			if c.MaxHeight != nil {
				s.maxHeight[name] = max(*c.MaxHeight, 0)
			}
		}
	}
}

func endpointSources(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id + "-v0"
	}
	return out
}

// sfu converts the merged state for the SFU.
func (s *constraintsState) sfu() sfu.ReceiverConstraints {
	return sfu.ReceiverConstraints{
		LastN: s.lastN, SelectedSources: s.selected, OnStageSources: s.onStage,
		DefaultMaxHeight: s.defaultMax, MaxHeight: s.maxHeight,
	}
}
