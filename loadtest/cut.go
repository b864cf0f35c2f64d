package loadtest

import (
	"cmp"
	"slices"
	"time"
)

// applyCuts applies a member's cuts in order of At, each At after the
// member joined, until end closes; every cut gets a CutResult.
func (r *runner) applyCuts(m *member, end <-chan struct{}) {
	cuts := slices.Clone(m.cuts)
	slices.SortStableFunc(cuts, func(a, b Cut) int { return cmp.Compare(a.At, b.At) })
	s, joined, _ := m.state()
	m.mu.Lock()
	joinedAt := m.joinedAt
	m.mu.Unlock()
	for _, c := range cuts {
		cr := CutResult{Conference: c.Conference, Participant: c.Participant, Endpoint: m.endpoint,
			AtMs: ms(c.At), ForMs: ms(c.For), AppliedS: -1}
		switch {
		case !joined:
			cr.Error = "participant never joined"
		case !waitUntil(joinedAt.Add(c.At), end):
			cr.Error = "run ended before the cut"
		default:
			if err := s.CutNetwork(c.For); err != nil {
				cr.Error = err.Error()
			} else {
				cr.AppliedS = time.Since(r.started).Seconds()
			}
		}
		m.mu.Lock()
		m.cutResults = append(m.cutResults, cr)
		m.mu.Unlock()
	}
}

// waitUntil waits for the moment t; false when end closes first.
func waitUntil(t time.Time, end <-chan struct{}) bool {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-end:
		return false
	}
}
