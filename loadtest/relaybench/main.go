package relaybench

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Main runs the benchmark ("loadtest bench relay"): for every fan-out,
// the bridge and then the raw relay, each in a fresh child process; it
// prints progress to stderr and the table and ratios to stdout. It returns
// flag.ErrHelp on -h.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("relaybench: own executable: %w", err)
	}
	return run(ctx, cfg, childSpec{path: exe, args: cfg.child}, stdout, stderr)
}

// run is Main after flag parsing; tests pass their own child spec.
func run(ctx context.Context, cfg config, spec childSpec, stdout, stderr io.Writer) error {
	stderr = &syncWriter{w: stderr}
	rep := newReport(cfg, time.Now())
	for _, n := range cfg.fanouts {
		for _, kind := range cfg.servers {
			fmt.Fprintf(stderr, "relay: %s fan-out %d: sender %.0f pps, warm-up %v, window %v\n",
				kind, n, cfg.senderRate(n), cfg.warmup, cfg.duration)
			row, err := step{cfg: cfg, spec: spec, kind: kind, fanout: n, stderr: stderr}.run(ctx)
			if err != nil {
				return fmt.Errorf("relaybench: %s fan-out %d: %w", kind, n, err)
			}
			fmt.Fprintf(stderr, "relay: %s fan-out %d: %.0f pps forwarded on %.3f cores, loss %.2f%%, handshake %.0f ms %s\n",
				kind, n, row.ForwardedPPS, row.ServerCores, 100*row.Loss, row.HandshakeMs, row.SRTPProfile)
			rep.Rows = append(rep.Rows, row)
		}
	}
	rep.Ratios = ratios(rep.Rows)
	if err := writeTable(stdout, rep); err != nil {
		return err
	}
	if cfg.jsonPath != "" {
		return writeJSON(cfg.jsonPath, rep)
	}
	return nil
}

// syncWriter serializes writes from the child stderr copiers and progress.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}
