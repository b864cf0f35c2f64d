package capacity

import (
	"bytes"
	"encoding/json"
	"flag"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// tableFixture is a three-step ramp whose last step failed.
func tableFixture() Table {
	cfg := Config{Transport: "websocket", BitrateBps: 500_000, JoinRate: 10, Duration: 20 * time.Second,
		Criteria: criteria, Steps: []int{2, 4, 8}}
	ok := Judge(4, result(nil), nil, criteria)
	small := Judge(2, result(func(s *loadtest.Summary) {
		s.Participants, s.Joined, s.ReceivingAll, s.RecvBitrateBps = 4, 4, 4, 4*540_000
	}), nil, criteria)
	bad := Judge(8, result(func(s *loadtest.Summary) {
		s.Participants, s.Joined, s.ReceivingAll, s.LossRate, s.JoinP95Ms = 16, 16, 15, 0.034, 1250
	}), nil, criteria)
	for i, r := range []*Row{&small, &ok, &bad} {
		r.MachineCPU, r.OtherCPU, r.StealCPU = 1.6+0.1*float64(i), 0.2, 0.01
	}
	return Table{Config: cfg, Rows: []Row{small, ok, bad},
		Machine: loadtest.Machine{CPUs: 2, GOOS: "linux", GOARCH: "amd64", CPUModel: "Test CPU @ 2.0GHz"}}
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testenv.Golden(t, filepath.Join("testdata", name), got, *update)
}

func TestTableGolden(t *testing.T) {
	tests := []struct {
		name string
		t    Table
	}{
		{"table.golden", tableFixture()},
		{"table-allpass.golden", func() Table { x := tableFixture(); x.Rows = x.Rows[:2]; return x }()},
		{"table-nopass.golden", func() Table { x := tableFixture(); x.Rows = x.Rows[2:]; return x }()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.t.Write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, b.Bytes())
		})
	}
}

// TestReportJSONRoundTrip: the -json file decodes back to the same
// report, and names the capacity.
func TestReportJSONRoundTrip(t *testing.T) {
	rep := tableFixture().JSON()
	if rep.Capacity != 4 {
		t.Errorf("capacity %d, want 4", rep.Capacity)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, rep) {
		t.Errorf("round trip:\n%+v\nwant\n%+v", back, rep)
	}
}
