package relaybench

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func fixtureRows() []Row {
	return []Row{
		{Server: "bridge", Fanout: 1, OfferedPPS: 30000, ForwardedPPS: 29950, Loss: 0.0017, ServerCores: 0.5,
			PPSPerCore: 59900, CPUusPer1000: 16694, Verified: 4680},
		{Server: "raw", Fanout: 1, OfferedPPS: 30000, ForwardedPPS: 30000, ServerCores: 0.25,
			PPSPerCore: 120000, CPUusPer1000: 8333, Verified: 4687},
		{Server: "bridge", Fanout: 4, OfferedPPS: 7500, ForwardedPPS: 30000, ServerCores: 0.75,
			PPSPerCore: 40000, CPUusPer1000: 25000, Verified: 4687},
		{Server: "raw", Fanout: 4, OfferedPPS: 7500, ForwardedPPS: 30000, ServerCores: 0.2,
			PPSPerCore: 150000, CPUusPer1000: 6667, Verified: 4687},
	}
}

func TestRatios(t *testing.T) {
	rs := ratios(fixtureRows())
	if len(rs) != 2 {
		t.Fatalf("%d ratios", len(rs))
	}
	if rs[0].Fanout != 1 || rs[0].Ratio < 0.499 || rs[0].Ratio > 0.5 || rs[0].MeetsGoal {
		t.Errorf("fan-out 1: %+v", rs[0])
	}
	if rs[1].Fanout != 4 || rs[1].MeetsGoal {
		t.Errorf("fan-out 4: %+v", rs[1])
	}
	rows := fixtureRows()
	rows[1].PPSPerCore = 0 // raw CPU below one clock tick: no ratio
	if rs := ratios(rows); len(rs) != 1 || rs[0].Fanout != 4 {
		t.Errorf("ratios without raw CPU: %+v", rs)
	}
}

func TestWriteTableGolden(t *testing.T) {
	rep := &Report{Rows: fixtureRows()}
	rep.Ratios = ratios(rep.Rows)
	var buf bytes.Buffer
	if err := writeTable(&buf, rep); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/table.golden"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("table differs from %s (-update to accept):\n%s", golden, buf.String())
	}
}
