package capacity

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

var criteria = Criteria{MaxLoss: 0.01, MaxJoinP95Ms: 1000, MinBitrate: 0.9}

// result is a 4-conference run (8 participants) that passes; mod breaks it.
func result(mod func(*loadtest.Summary)) *loadtest.Result {
	s := loadtest.Summary{Participants: 8, Joined: 8, ReceivingAll: 8, JoinP50Ms: 210, JoinP95Ms: 480,
		LossRate: 0.002, RecvBitrateBps: 8 * 540_000, Procs: []loadtest.ProcSummary{
			{Name: "xmppd", CPUMean: 0.02, RSSPeakBytes: 20 << 20},
			{Name: "bridge", CPUMean: 0.40, RSSPeakBytes: 60 << 20, RSSPerParticipantB: 300 << 10},
			{Name: "focus", CPUMean: 0.08, RSSPeakBytes: 30 << 20, RSSPerParticipantB: 100 << 10},
			{Name: "loadgen", CPUMean: 0.9, RSSPeakBytes: 200 << 20},
		}}
	if mod != nil {
		mod(&s)
	}
	return &loadtest.Result{Summary: s, Config: loadtest.RunConfig{Conferences: 4, PerConference: 2,
		AudioSenders: 2, VideoSenders: 2, VideoBitrate: 500_000}}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name   string
		r      *loadtest.Result
		err    error
		pass   bool
		reason string
	}{
		{"pass", result(nil), nil, true, ""},
		{"loss at limit", result(func(s *loadtest.Summary) { s.LossRate = 0.01 }), nil, false, "loss 1.00 %"},
		{"loss above", result(func(s *loadtest.Summary) { s.LossRate = 0.2 }), nil, false, "loss 20.00 %"},
		{"slow joins", result(func(s *loadtest.Summary) { s.JoinP95Ms = 1000 }), nil, false, "join p95 1000 ms"},
		{"no joins measured", result(func(s *loadtest.Summary) { s.JoinP95Ms = -1 }), nil, false, "join p95 -1 ms"},
		{"one not joined", result(func(s *loadtest.Summary) { s.Joined = 7 }), nil, false, "7/8 joined"},
		{"one deaf", result(func(s *loadtest.Summary) { s.ReceivingAll = 7 }), nil, false, "7/8 received"},
		{"fewer run", result(func(s *loadtest.Summary) { s.Participants = 6 }), nil, false, "6 participants run"},
		{"starved senders", result(func(s *loadtest.Summary) { s.RecvBitrateBps = 8 * 440_000 }), nil, false, "received 440 kbit/s per participant, 88 % of the 500 kbit/s"},
		{"at the bitrate limit", result(func(s *loadtest.Summary) { s.RecvBitrateBps = 8 * 450_000 }), nil, true, ""},
		{"run error", result(nil), errors.New("bridge died"), false, "bridge died"},
		{"no result", nil, errors.New("dial: refused"), false, "dial: refused"},
		{"nothing", nil, nil, false, "no result"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			row := Judge(4, tc.r, tc.err, criteria)
			if row.Pass != tc.pass {
				t.Fatalf("pass = %v, want %v (reasons %q)", row.Pass, tc.pass, row.Reasons)
			}
			if got := strings.Join(row.Reasons, "; "); !strings.Contains(got, tc.reason) {
				t.Errorf("reasons %q, want one containing %q", got, tc.reason)
			}
			if row.Conferences != 4 || row.Participants != 8 {
				t.Errorf("row %d conferences %d participants", row.Conferences, row.Participants)
			}
		})
	}
}

func TestJudgeCosts(t *testing.T) {
	row := Judge(4, result(nil), nil, criteria)
	want := Row{Conferences: 4, Participants: 8, Joined: 8, ReceivingAll: 8, JoinP50Ms: 210, JoinP95Ms: 480,
		LossRate: 0.002, RecvBps: 540_000, BridgeCPU: 0.40, FocusCPU: 0.08, XMPPDCPU: 0.02, LoadgenCPU: 0.9,
		BridgeRSS: 60 << 20, FocusRSS: 30 << 20, XMPPDRSS: 20 << 20,
		CPUPerParticipant: 0.06, RSSPerParticipant: 400 << 10, OursCPU: 1.4, Pass: true}
	if diff := row.CPUPerParticipant - want.CPUPerParticipant; diff > 1e-12 || diff < -1e-12 {
		t.Errorf("CPU per participant %v, want %v", row.CPUPerParticipant, want.CPUPerParticipant)
	}
	row.CPUPerParticipant = want.CPUPerParticipant
	if !reflect.DeepEqual(row, want) {
		t.Errorf("row\n%+v\nwant\n%+v", row, want)
	}
}

// TestJudgeSimulcastBitrate: the bitrate share is not checked with
// simulcast (the bridge chooses the layers), nor when disabled.
func TestJudgeSimulcastBitrate(t *testing.T) {
	low := func(s *loadtest.Summary) { s.RecvBitrateBps = 8 * 100_000 }
	r := result(low)
	r.Config.Simulcast = true
	if row := Judge(4, r, nil, criteria); !row.Pass {
		t.Errorf("simulcast: %q", row.Reasons)
	}
	off := criteria
	off.MinBitrate = 0
	if row := Judge(4, result(low), nil, off); !row.Pass {
		t.Errorf("check disabled: %q", row.Reasons)
	}
}

// TestWindowCPU: the CPU columns are the mean over the measuring window
// (the last DurationS seconds), not over the join ramp before it.
func TestWindowCPU(t *testing.T) {
	r := result(nil)
	r.Duration, r.Config.DurationS = 30, 20
	for i, cpu := range []float64{0.1, 0.1, 0.5, 0.7, 0.9} { // t = 2, 8, 14, 20, 26 s
		r.Samples = append(r.Samples, loadtest.Sample{T: float64(2 + 6*i),
			Procs: []loadtest.ProcSample{{Name: "bridge", CPU: cpu}, {Name: "focus", CPU: cpu / 10}}})
	}
	row := Judge(4, r, nil, criteria)
	if math.Abs(row.BridgeCPU-0.7) > 1e-9 || math.Abs(row.FocusCPU-0.07) > 1e-9 {
		t.Errorf("bridge %v focus %v, want the window's 0.7 and 0.07", row.BridgeCPU, row.FocusCPU)
	}
	if row.XMPPDCPU != 0.02 || row.LoadgenCPU != 0.9 {
		t.Errorf("processes without window samples: xmppd %v loadgen %v, want the run means", row.XMPPDCPU, row.LoadgenCPU)
	}
}

func TestMachineLoad(t *testing.T) {
	at := time.Unix(1000, 0)
	a := machineCPU{at: at, busy: 100, steal: 1}
	b := machineCPU{at: at.Add(10 * time.Second), busy: 115, steal: 2}
	row := Row{BridgeCPU: 0.7, FocusCPU: 0.1, XMPPDCPU: 0.05, LoadgenCPU: 0.8, OursCPU: 1.25}
	row.machineLoad(a, b, nil, nil)
	if math.Abs(row.MachineCPU-1.5) > 1e-9 || math.Abs(row.StealCPU-0.1) > 1e-9 || math.Abs(row.OtherCPU-0.25) > 1e-9 {
		t.Errorf("machine %v other %v steal %v", row.MachineCPU, row.OtherCPU, row.StealCPU)
	}
	none := Row{}
	none.machineLoad(a, b, errors.New("no /proc"), nil)
	if none.MachineCPU != 0 || none.OtherCPU != 0 {
		t.Errorf("without /proc: %+v", none)
	}
	if _, err := readMachineCPU(at); err != nil {
		t.Logf("no /proc/stat here: %v", err)
	}
}

func TestCapacity(t *testing.T) {
	pass := func(c int) Row { return Row{Conferences: c, Pass: true} }
	fail := func(c int) Row { return Row{Conferences: c} }
	tests := []struct {
		name string
		rows []Row
		want int
		ok   bool
	}{
		{"none run", nil, 0, false},
		{"first fails", []Row{fail(2)}, 0, false},
		{"stops at failure", []Row{pass(2), pass(4), fail(8)}, 4, true},
		{"all pass", []Row{pass(2), pass(4)}, 4, true},
	}
	for _, tc := range tests {
		got, ok := Capacity(tc.rows)
		if ok != tc.ok || got.Conferences != tc.want {
			t.Errorf("%s: Capacity = %d, %v; want %d, %v", tc.name, got.Conferences, ok, tc.want, tc.ok)
		}
	}
}
