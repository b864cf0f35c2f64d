package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/jitsi-go/jitsi-go/loadtest"
	"github.com/jitsi-go/jitsi-go/loadtest/report"
)

// loadAndReport runs the load test, writes the JSON and HTML files (even
// for an interrupted run) and prints the summary. It fails when no
// participant received any media.
func loadAndReport(ctx context.Context, c config, stdout io.Writer) error {
	res, runErr := loadtest.Run(ctx, c.opts)
	if res == nil {
		return runErr
	}
	printSummary(stdout, res)
	var errs []error
	outputs := []struct {
		path  string
		write func(io.Writer) error
	}{
		{c.out, func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(res)
		}},
		{c.html, func(w io.Writer) error { return report.WriteHTML(w, res) }},
	}
	for _, o := range outputs {
		if o.path == "" {
			continue
		}
		err := writeFile(o.path, o.write)
		if err == nil {
			fmt.Fprintln(stdout, "wrote", o.path)
		}
		errs = append(errs, err)
	}
	if !receivedMedia(res) {
		errs = append(errs, loadtest.ErrNoMedia)
	}
	return errors.Join(append([]error{runErr}, errs...)...)
}

// writeFile creates path and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// receivedMedia reports whether any participant received a packet.
func receivedMedia(r *loadtest.Result) bool {
	for _, p := range r.Participants {
		for _, s := range p.Streams {
			if s.Packets > 0 {
				return true
			}
		}
	}
	return false
}

// printSummary prints the figures a user looks at first.
func printSummary(w io.Writer, r *loadtest.Result) {
	s := r.Summary
	fmt.Fprintf(w, "participants %d, joined %d, receiving from every sender %d\n", s.Participants, s.Joined, s.ReceivingAll)
	for _, p := range r.Participants {
		if p.Error != "" {
			fmt.Fprintf(w, "%s: %s\n", p.Endpoint, p.Error)
		}
	}
	fmt.Fprintf(w, "join p50 %.0f ms, p95 %.0f ms, max %.0f ms\n", s.JoinP50Ms, s.JoinP95Ms, s.JoinMaxMs)
	fmt.Fprintf(w, "received %.2f Mbit/s, loss %.3f%%, jitter p95 %.2f ms, freezes %d\n",
		s.RecvBitrateBps/1e6, s.LossRate*100, s.JitterP95Ms, s.Freezes)
	for _, p := range s.Procs {
		fmt.Fprintf(w, "%s: CPU mean %.2f, peak %.2f cores; RSS peak %.1f MB; per participant %.4f cores, %.0f kB\n",
			p.Name, p.CPUMean, p.CPUPeak, float64(p.RSSPeakBytes)/1e6, p.CPUPerParticipant, p.RSSPerParticipantB/1e3)
	}
	for _, e := range r.Errors {
		fmt.Fprintln(w, "error:", e)
	}
}
