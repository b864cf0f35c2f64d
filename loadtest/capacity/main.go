package capacity

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jitsi-go/jitsi-go/loadtest"
	"github.com/jitsi-go/jitsi-go/loadtest/report"
)

// Main is "loadtest bench capacity": it parses args (see ParseFlags; -h
// returns flag.ErrHelp), ramps the conferences on our deployment, prints
// progress to stderr and the table with the capacity found to stdout.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := ParseFlags(args, stderr)
	if err != nil {
		return err
	}
	if cfg.OutDir != "" {
		if err := os.MkdirAll(cfg.OutDir, 0o755); err != nil {
			return fmt.Errorf("capacity: -out: %w", err)
		}
	}
	var machine *loadtest.Machine
	rp := &Ramp{Config: cfg, Run: loadtest.Run, Start: starter(cfg, stderr), Log: stderr,
		Results: func(c int, r *loadtest.Result) error {
			if machine == nil {
				machine = &r.Machine
			}
			return writeStep(cfg.OutDir, c, r)
		}}
	rows, runErr := rp.Steps(ctx)
	t := Table{Config: cfg, Machine: machineOf(machine), Rows: rows}
	if err := t.Write(stdout); err != nil {
		return err
	}
	if cfg.JSONPath != "" {
		if err := writeJSONFile(cfg.JSONPath, t.JSON()); err != nil {
			return err
		}
	}
	return runErr
}

// starter starts each deployment in a new directory under cfg.WorkDir.
func starter(cfg Config, log io.Writer) StartFunc {
	return func(ctx context.Context) (*Deployment, func(), error) {
		dir, err := os.MkdirTemp(cfg.WorkDir, "capacity-")
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %w", ErrDeploy, err)
		}
		d, err := Start(ctx, cfg.BinDir, dir)
		if err != nil {
			if !cfg.Keep {
				_ = os.RemoveAll(dir)
			}
			return nil, nil, err
		}
		fmt.Fprintf(log, "deployment in %s: %v\n", dir, d.Procs())
		return d, func() {
			sctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
			defer cancel()
			_ = d.Stop(sctx)
			if !cfg.Keep {
				_ = os.RemoveAll(dir)
			}
		}, nil
	}
}

// writeStep writes dir/step-<C>.json and dir/step-<C>.html ("" = none).
func writeStep(dir string, conferences int, r *loadtest.Result) error {
	if dir == "" {
		return nil
	}
	base := filepath.Join(dir, fmt.Sprintf("step-%d", conferences))
	if err := writeJSONFile(base+".json", r); err != nil {
		return err
	}
	f, err := os.Create(base + ".html")
	if err != nil {
		return fmt.Errorf("capacity: %w", err)
	}
	if err := report.WriteHTML(f, r); err != nil {
		_ = f.Close()
		return fmt.Errorf("capacity: %s.html: %w", base, err)
	}
	return f.Close()
}

func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("capacity: %s: %w", path, err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("capacity: %w", err)
	}
	return nil
}
