package mucbench

import "testing"

func TestSummarize(t *testing.T) {
	for i, tc := range []struct {
		us   []int32
		want Latencies
	}{
		0: {nil, Latencies{}},
		1: {[]int32{5000}, Latencies{P50: 5, P95: 5, Max: 5}},
		2: {[]int32{4000, 1000, 3000, 2000}, Latencies{P50: 2, P95: 4, Max: 4}},
		3: {seq(100), Latencies{P50: 0.05, P95: 0.095, Max: 0.1}},
		4: {seq(1000), Latencies{P50: 0.5, P95: 0.95, Max: 1}},
		5: {[]int32{0, 0, 0, 250000}, Latencies{P50: 0, P95: 250, Max: 250}},
	} {
		if got := summarize(tc.us); got != tc.want {
			t.Errorf("%d: %+v, want %+v", i, got, tc.want)
		}
	}
}

// seq returns n, n-1, … 1 µs (unsorted on purpose).
func seq(n int) []int32 {
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(n - i)
	}
	return out
}

func TestRatios(t *testing.T) {
	rows := []Row{
		{Server: "xmppd", Occupants: 200, CPUPerMsgUs: 10, LatP95Ms: 5, RSSPerConnKB: 20, Completeness: 1},
		{Server: "prosody", Occupants: 200, CPUPerMsgUs: 100, LatP95Ms: 50, RSSPerConnKB: 30, Completeness: 1},
		{Server: "xmppd", Occupants: 10, CPUPerMsgUs: 30, LatP95Ms: 1, RSSPerConnKB: 10},
		{Server: "prosody", Occupants: 10, Error: "failed"},
	}
	got := ratios(rows)
	if len(got) != 1 {
		t.Fatalf("%d ratios, want 1: %+v", len(got), got)
	}
	r := got[0]
	if r.CPUPerMsg != 0.1 || r.P95 != 0.1 || !r.CPUGoalMet || r.RSSGoalMet || r.P95GoalMet == nil || !*r.P95GoalMet {
		t.Errorf("ratio %+v", r)
	}
}
