package mucbench

import (
	"math"
	"slices"
)

// Latencies summarises fan-out latencies in milliseconds.
type Latencies struct {
	P50, P95, Max float64
}

// summarize sorts us (microseconds) in place and returns its nearest-rank
// percentiles in milliseconds; all zero when empty.
func summarize(us []int32) Latencies {
	if len(us) == 0 {
		return Latencies{}
	}
	slices.Sort(us)
	return Latencies{P50: percentile(us, 50), P95: percentile(us, 95), Max: float64(us[len(us)-1]) / 1000}
}

// percentile returns the nearest-rank p-th percentile (0 < p ≤ 100) of the
// sorted values, converted from microseconds to milliseconds.
func percentile(sorted []int32, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return float64(sorted[rank-1]) / 1000
}
