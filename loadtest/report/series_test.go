package report

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/plot/plotter"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

func TestCDFPoints(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		want plotter.XYs
	}{
		{"empty", nil, nil},
		{"only unreached", []float64{-1, -1, math.NaN()}, nil},
		{"one", []float64{7}, plotter.XYs{{X: 7, Y: 0}, {X: 7, Y: 1}}},
		{"unsorted, with unreached", []float64{30, -1, 10, 20, math.Inf(1)},
			plotter.XYs{{X: 10, Y: 0}, {X: 10, Y: 1.0 / 3}, {X: 20, Y: 2.0 / 3}, {X: 30, Y: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cdfPoints(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cdfPoints(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestCDFPointsLarge checks the reduction of a large input to quantiles.
func TestCDFPointsLarge(t *testing.T) {
	in := make([]float64, 10000)
	for i := range in {
		in[i] = float64(len(in) - i) // descending: 10000 … 1
	}
	got := cdfPoints(in)
	if len(got) != maxCDFPoints+1 {
		t.Fatalf("%d points, want %d", len(got), maxCDFPoints+1)
	}
	if got[0] != (plotter.XY{X: 1, Y: 0}) || got[len(got)-1] != (plotter.XY{X: 10000, Y: 1}) {
		t.Errorf("ends %v … %v, want (1,0) … (10000,1)", got[0], got[len(got)-1])
	}
	for i := 1; i < len(got); i++ {
		if got[i].X < got[i-1].X || got[i].Y <= got[i-1].Y {
			t.Fatalf("point %d %v after %v: not increasing", i, got[i], got[i-1])
		}
		if want := got[i].X / 10000; math.Abs(got[i].Y-want) > 1e-12 {
			t.Fatalf("point %d %v: y should be x/n = %v", i, got[i], want)
		}
	}
}

func TestProcChart(t *testing.T) {
	ss := []loadtest.Sample{
		{T: 1, Procs: []loadtest.ProcSample{{Name: "bridge", PID: 1, CPU: 0.5}, {Name: "focus", PID: 2, CPU: 0.1}}},
		{T: 2, Procs: []loadtest.ProcSample{{Name: "bridge", PID: 1, CPU: 0.7}}},
		{T: 3, Procs: []loadtest.ProcSample{{Name: "bridge", PID: 3, CPU: 0.2}, {Name: "focus", PID: 2, CPU: math.NaN()}}},
	}
	c := procChart(ss, "cpu", "cores", func(p loadtest.ProcSample) float64 { return p.CPU })
	want := []series{
		{"bridge (pid 1)", plotter.XYs{{X: 1, Y: 0.5}, {X: 2, Y: 0.7}}},
		{"focus (pid 2)", plotter.XYs{{X: 1, Y: 0.1}}},
		{"bridge (pid 3)", plotter.XYs{{X: 3, Y: 0.2}}},
	}
	if !reflect.DeepEqual(c.series, want) {
		t.Errorf("series = %v, want %v", c.series, want)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{fmtMs(-1), "—"}, {fmtMs(3.14), "3.1"}, {fmtMs(1234.5), "1234"}, {fmtMsUnit(12), "12 ms"},
		{fmtBps(999), "999 bit/s"}, {fmtBps(64e3), "64.0 kbit/s"}, {fmtBps(2.5e6), "2.50 Mbit/s"},
		{fmtBps(1.2e9), "1.20 Gbit/s"}, {fmtBps(math.NaN()), "—"},
		{fmtBytes(512), "512 B"}, {fmtBytes(1536), "1.5 KiB"}, {fmtBytes(300 << 20), "300.0 MiB"},
		{fmtBytes(3 << 30), "3.00 GiB"}, {fmtPct(0.0123), "1.23 %"}, {fmtPct(math.Inf(1)), "—"},
		{fmtCores(0.25), "0.250"}, {fmtCores(0.00123), "0.00123"}, {fmtSeconds(20), "20.0 s"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestCutTimes(t *testing.T) {
	cuts := []loadtest.CutResult{
		{AppliedS: 8.5},
		{AppliedS: -1, Error: "participant never joined"},
		{AppliedS: -1},
		{AppliedS: 12, ForMs: 2000},
	}
	if got, want := cutTimes(cuts), []float64{8.5, 12}; !reflect.DeepEqual(got, want) {
		t.Errorf("cutTimes = %v, want %v", got, want)
	}
}
