package loadtest

import (
	"math"
	"slices"
)

// Percentile is the p-th percentile (0–100) of xs by linear interpolation
// between the closest ranks; NaN for no values. xs is not modified.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 || math.IsNaN(p) {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	p = min(max(p, 0), 100)
	rank := p / 100 * float64(len(s)-1)
	lo := int(math.Floor(rank))
	hi := min(lo+1, len(s)-1)
	return s[lo] + (s[hi]-s[lo])*(rank-float64(lo))
}

// orZero turns NaN (no data) into 0 so that the JSON stays a number.
func orZero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

// Summarize condenses participants and samples; receivingAll is how many
// participants got media from every sender of their conference.
func Summarize(ps []ParticipantResult, samples []Sample, receivingAll int) Summary {
	s := Summary{Participants: len(ps), ReceivingAll: receivingAll}
	var joins, jitters []float64
	var lost, expected uint64
	for _, p := range ps {
		if p.Joined {
			s.Joined++
			if p.JoinMs >= 0 {
				joins = append(joins, p.JoinMs)
			}
		}
		for _, st := range p.Streams {
			lost += st.Lost
			expected += st.Expected
			jitters = append(jitters, st.JitterMs)
			s.Freezes += st.Freezes
			s.RecvBitrateBps += st.BitrateBps
		}
	}
	s.JoinP50Ms, s.JoinP95Ms = orZero(Percentile(joins, 50)), orZero(Percentile(joins, 95))
	s.JoinMaxMs = orZero(Percentile(joins, 100))
	s.JitterP95Ms = orZero(Percentile(jitters, 95))
	if expected > 0 {
		s.LossRate = float64(lost) / float64(expected)
	}
	s.Procs = procSummaries(samples, s.Joined)
	for _, sm := range samples {
		s.StatsErrors += sm.StatsErrors
	}
	return s
}

// procSummaries condenses each process's samples in order of first
// appearance (the runner reads each process once before the first sample,
// so every sample's CPU covers its interval); RSS growth is the peak over
// the first sample, per joined participant.
func procSummaries(samples []Sample, joined int) []ProcSummary {
	type acc struct {
		n              int
		sum, peak      float64
		first, rssPeak uint64
	}
	var names []string
	accs := map[string]*acc{}
	for _, sm := range samples {
		for _, p := range sm.Procs {
			a := accs[p.Name]
			if a == nil {
				a = &acc{first: p.RSSBytes}
				accs[p.Name] = a
				names = append(names, p.Name)
			}
			a.n++
			a.sum += p.CPU
			a.peak = max(a.peak, p.CPU)
			a.rssPeak = max(a.rssPeak, p.RSSBytes)
		}
	}
	out := make([]ProcSummary, 0, len(names))
	for _, name := range names {
		a := accs[name]
		ps := ProcSummary{Name: name, CPUPeak: a.peak, RSSPeakBytes: a.rssPeak}
		if a.n > 0 {
			ps.CPUMean = a.sum / float64(a.n)
		}
		if joined > 0 {
			ps.CPUPerParticipant = ps.CPUMean / float64(joined)
			ps.RSSPerParticipantB = float64(a.rssPeak-a.first) / float64(joined)
		}
		out = append(out, ps)
	}
	return out
}
