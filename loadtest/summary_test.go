package loadtest

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/participant"
	"github.com/jitsi-go/jitsi-go/participant/media"
)

func TestPercentile(t *testing.T) {
	tests := []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{[]float64{5}, 50, 5},
		{[]float64{5}, 95, 5},
		{[]float64{3, 1, 2}, 50, 2},
		{[]float64{3, 1, 2}, 0, 1},
		{[]float64{3, 1, 2}, 100, 3},
		{[]float64{1, 2, 3, 4}, 50, 2.5},
		{[]float64{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 95, 95.5},
		{[]float64{1, 2}, 150, 2}, // clamped
		{[]float64{1, 2}, -5, 1},
	}
	for _, tc := range tests {
		if got := Percentile(tc.xs, tc.p); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Percentile(%v, %v) = %v, want %v", tc.xs, tc.p, got, tc.want)
		}
	}
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Error("percentile of nothing is not NaN")
	}
	xs := []float64{3, 1, 2}
	Percentile(xs, 50)
	if xs[0] != 3 {
		t.Error("input sorted in place")
	}
}

// TestSummarize: join percentiles over joined participants with a first
// media time only, loss over all streams, jitter p95, freezes, bitrate sum,
// and per-process CPU mean/peak and RSS growth per joined participant.
func TestSummarize(t *testing.T) {
	ps := []ParticipantResult{
		{Joined: true, JoinMs: 100, Streams: []StreamResult{
			{Lost: 1, Expected: 100, JitterMs: 2, BitrateBps: 1000, Freezes: 1},
			{Lost: 0, Expected: 100, JitterMs: 4, BitrateBps: 3000}}},
		{Joined: true, JoinMs: 300, Streams: []StreamResult{{Lost: 9, Expected: 200, JitterMs: 10, BitrateBps: 6000, Freezes: 2}}},
		{Joined: true, JoinMs: -1},              // never got media: no join time
		{Joined: false, JoinMs: 50, Error: "x"}, // not joined: ignored
	}
	samples := []Sample{
		{Procs: []ProcSample{{Name: "bridge", CPU: 0.5, RSSBytes: 1000}, {Name: "focus", CPU: 0.1, RSSBytes: 500}}, StatsErrors: 1},
		{Procs: []ProcSample{{Name: "bridge", CPU: 1.5, RSSBytes: 4000}}},
		{Procs: []ProcSample{{Name: "bridge", CPU: 1.0, RSSBytes: 2500}, {Name: "focus", CPU: 0.3, RSSBytes: 800}}, StatsErrors: 2},
	}
	s := Summarize(ps, samples, 2)
	checks := []struct {
		name      string
		got, want float64
	}{
		{"participants", float64(s.Participants), 4},
		{"joined", float64(s.Joined), 3},
		{"receiving all", float64(s.ReceivingAll), 2},
		{"join p50", s.JoinP50Ms, 200},
		{"join p95", s.JoinP95Ms, 290},
		{"join max", s.JoinMaxMs, 300},
		{"loss", s.LossRate, 10.0 / 400},
		{"jitter p95", s.JitterP95Ms, 9.4},
		{"freezes", float64(s.Freezes), 3},
		{"bitrate", s.RecvBitrateBps, 10000},
		{"stats errors", float64(s.StatsErrors), 3},
		{"procs", float64(len(s.Procs)), 2},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if len(s.Procs) != 2 {
		t.FailNow()
	}
	b, f := s.Procs[0], s.Procs[1]
	if b.Name != "bridge" || b.CPUMean != 1.0 || b.CPUPeak != 1.5 || b.RSSPeakBytes != 4000 ||
		b.CPUPerParticipant != 1.0/3 || b.RSSPerParticipantB != 1000 {
		t.Errorf("bridge %+v", b)
	}
	if f.Name != "focus" || math.Abs(f.CPUMean-0.2) > 1e-9 || f.RSSPeakBytes != 800 || f.RSSPerParticipantB != 100 {
		t.Errorf("focus %+v", f)
	}
	if e := Summarize(nil, nil, 0); e.JoinP50Ms != 0 || e.LossRate != 0 || len(e.Procs) != 0 {
		t.Errorf("empty summary %+v", e)
	}
}

// TestParticipantResult: timings in ms with -1 for steps not reached, the
// join time to the first media of either kind, and per-stream figures with
// the bitrate over the window and the sender's endpoint.
func TestParticipantResult(t *testing.T) {
	t0 := time.Unix(1000, 0)
	tm := participant.Timings{ConferenceRequest: t0, SessionInitiate: t0.Add(100 * time.Millisecond),
		ICEConnected: t0.Add(150 * time.Millisecond), DTLSConnected: t0.Add(200 * time.Millisecond),
		FirstVideo: t0.Add(300 * time.Millisecond)}
	var r ParticipantResult
	fillTimings(&r, tm)
	if r.ToSessionInitiateMs != 100 || r.ToICEMs != 50 || r.ToDTLSMs != 100 || r.ToFirstVideoMs != 200 ||
		r.ToFirstAudioMs != -1 || r.JoinMs != 300 {
		t.Errorf("timings %+v", r)
	}
	st := media.Stats{SSRC: 7, Kind: "video", Packets: 90, Bytes: 30000, Expected: 100, Lost: 10,
		Jitter: 1500 * time.Microsecond, Freezes: 2, FrozenFor: 1200 * time.Millisecond,
		Senders: map[uint32]uint64{4: 88, 9: 2}}
	sr := streamResult(st, media.Stats{Bytes: 10000}, 2*time.Second, map[uint32]string{4: "c0-p1"})
	want := StreamResult{From: "c0-p1", SSRC: 7, Kind: "video", Packets: 90, Bytes: 30000, Expected: 100, Lost: 10,
		LossRate: 0.1, BitrateBps: 80000, JitterMs: 1.5, Freezes: 2, FrozenMs: 1200}
	if sr != want {
		t.Errorf("stream\n got %+v\nwant %+v", sr, want)
	}
}

// TestReceivesAll: every expected flow must have grown.
func TestReceivesAll(t *testing.T) {
	a, v := flow{1, "audio"}, flow{1, "video"}
	tests := []struct {
		name        string
		expect      []flow
		before, now map[flow]uint64
		want        bool
	}{
		{"all grew", []flow{a, v}, nil, map[flow]uint64{a: 5, v: 1}, true},
		{"video missing", []flow{a, v}, nil, map[flow]uint64{a: 5}, false},
		{"video stalled", []flow{a, v}, map[flow]uint64{a: 1, v: 3}, map[flow]uint64{a: 5, v: 3}, false},
		{"nothing expected", nil, nil, map[flow]uint64{a: 5}, false},
	}
	for _, tc := range tests {
		if got := receivesAll(tc.expect, tc.before, tc.now); got != tc.want {
			t.Errorf("%s: %v", tc.name, got)
		}
	}
}

func TestProgressLine(t *testing.T) {
	s := Sample{T: 12, Joined: 14, MediaFlowing: 13, Errors: 0, RecvBitrateBps: 4.1e6}
	got := strings.TrimSpace(progressLine(s, 15))
	if want := "t=12s joined 14/15 media 13/15 errors 0 recv 4.1 Mbit/s loss 0.00%"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	for bps, want := range map[float64]string{0: "0 bit/s", 999: "999 bit/s", 64e3: "64.0 kbit/s", 2.5e9: "2.5 Gbit/s"} {
		if got := formatBitrate(bps); got != want {
			t.Errorf("formatBitrate(%v) = %q, want %q", bps, got, want)
		}
	}
}

func TestCPUModel(t *testing.T) {
	in := "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nflags\t: fpu\n"
	if got := cpuModel(in); got != "Intel(R) Xeon(R) CPU @ 2.20GHz" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel("processor : 0\n"); got != "" {
		t.Errorf("cpuModel without model name = %q", got)
	}
	if m := machine(); m.CPUs < 1 || m.GOOS == "" || m.GOARCH == "" {
		t.Errorf("machine %+v", m)
	}
}
