package mucbench

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// writeTable prints the rows, then the xmppd/prosody ratios with the goals.
func writeTable(w io.Writer, rep *Report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "server\toccupants\toffered/s\tdelivered/s\tcomplete\tcpu µs/msg\tcores\tgen cores\t"+
		"p50 ms\tp95 ms\tmax ms\tjoin ms\tRSS KiB/conn\tmax msgs/read\t")
	for _, r := range rep.Rows {
		if r.Error != "" {
			fmt.Fprintf(tw, "%s\t%d\terror: %s\t\n", r.Server, r.Occupants, r.Error)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.0f\t%.4f\t%.1f\t%.2f\t%.2f\t%.1f\t%.1f\t%.1f\t%.0f\t%.1f\t%d\t\n",
			r.Server, r.Occupants, r.OfferedPerS, r.DeliveredPerS, r.Completeness, r.CPUPerMsgUs, r.ServerCores,
			r.GenCores, r.LatP50Ms, r.LatP95Ms, r.LatMaxMs, r.JoinMs, r.RSSPerConnKB, r.MaxPerRead)
	}
	_ = tw.Flush()
	for _, n := range rep.Notes {
		fmt.Fprintln(w, "note:", n)
	}
	if len(rep.Ratios) == 0 {
		return
	}
	fmt.Fprintln(w, "\nxmppd / prosody")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "occupants\tCPU per msg (goal ≤ 0.20)\tp95 latency\tRSS per conn (goal ≤ 0.50)\txmppd p95 < 100 ms")
	for _, r := range rep.Ratios {
		p95 := "-"
		if r.P95GoalMet != nil {
			p95 = verdict(*r.P95GoalMet)
		}
		fmt.Fprintf(tw, "%d\t%.3f %s\t%.3f\t%.3f %s\t%s\n", r.Occupants, r.CPUPerMsg, verdict(r.CPUGoalMet),
			r.P95, r.RSSPerConn, verdict(r.RSSGoalMet), p95)
	}
	_ = tw.Flush()
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "MISSED"
}
