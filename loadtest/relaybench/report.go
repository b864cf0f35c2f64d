package relaybench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"text/tabwriter"
	"time"
)

// Goal is the target: the bridge forwards at least half the
// packets per core of the raw relay.
const Goal = 0.5

// Ratio compares the two servers at one fan-out.
type Ratio struct {
	Fanout           int     `json:"fanout"`
	BridgePPSPerCore float64 `json:"bridge_pps_per_core"`
	RawPPSPerCore    float64 `json:"raw_pps_per_core"`
	Ratio            float64 `json:"ratio"` // bridge / raw
	MeetsGoal        bool    `json:"meets_goal"`
}

// Report is what -json writes.
type Report struct {
	Started  time.Time `json:"started"`
	CPUs     int       `json:"cpus"`
	GOOS     string    `json:"goos"`
	GOARCH   string    `json:"goarch"`
	Duration float64   `json:"window_s"`
	Warmup   float64   `json:"warmup_s"`
	Payload  int       `json:"payload_bytes"`
	Rows     []Row     `json:"rows"`
	Ratios   []Ratio   `json:"ratios"`
	Goal     float64   `json:"goal"`
}

func newReport(c config, started time.Time) *Report {
	return &Report{Started: started.UTC(), CPUs: runtime.NumCPU(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH,
		Duration: c.duration.Seconds(), Warmup: c.warmup.Seconds(), Payload: c.payload, Goal: Goal}
}

// ratios pairs bridge and raw rows of each fan-out.
func ratios(rows []Row) []Ratio {
	var out []Ratio
	for _, b := range rows {
		if b.Server != serverBridge {
			continue
		}
		for _, r := range rows {
			if r.Server != serverRaw || r.Fanout != b.Fanout || r.PPSPerCore == 0 {
				continue
			}
			x := b.PPSPerCore / r.PPSPerCore
			out = append(out, Ratio{Fanout: b.Fanout, BridgePPSPerCore: b.PPSPerCore,
				RawPPSPerCore: r.PPSPerCore, Ratio: x, MeetsGoal: x >= Goal})
		}
	}
	return out
}

// writeTable prints the rows and ratios as plain text.
func writeTable(w io.Writer, rep *Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "server\tfan-out\toffered pps\tforwarded pps\tloss\tserver cores\tpps/core\tCPU µs/1000 pkts\tverified\tbad\t")
	for _, r := range rep.Rows {
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.0f\t%.2f%%\t%.3f\t%.0f\t%.0f\t%d\t%d\t\n", r.Server, r.Fanout,
			r.OfferedPPS, r.ForwardedPPS, 100*r.Loss, r.ServerCores, r.PPSPerCore, r.CPUusPer1000, r.Verified, r.Bad)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "fan-out\tbridge pps/core\traw pps/core\tbridge/raw\tgoal ≥ 0.5\t")
	for _, x := range rep.Ratios {
		verdict := "met"
		if !x.MeetsGoal {
			verdict = "MISSED"
		}
		fmt.Fprintf(tw, "%d\t%.0f\t%.0f\t%.3f\t%s\t\n", x.Fanout, x.BridgePPSPerCore, x.RawPPSPerCore, x.Ratio, verdict)
	}
	return tw.Flush()
}

func writeJSON(path string, rep *Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("relaybench: json: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("relaybench: %w", err)
	}
	return nil
}
