package mucbench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// Main runs the benchmark: `loadtest bench muc -xmppd PATH [flags]`. It
// prints progress to stderr, the table and the ratios to stdout.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	rep, err := run(ctx, o, stderr)
	if rep != nil {
		writeTable(stdout, rep)
		if o.jsonPath != "" {
			if jerr := writeJSON(o.jsonPath, rep); jerr != nil {
				err = errors.Join(err, jerr)
			}
		}
	}
	return err
}

// options are the parsed flags.
type options struct {
	Params
	xmppd, prosody, jsonPath string
	servers                  []string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("muc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.xmppd, "xmppd", "", "path of the xmppd binary to start (required for the xmppd side)")
	fs.StringVar(&o.prosody, "prosody", "/usr/bin/prosody", "path of stock prosody")
	servers := fs.String("servers", "xmppd,prosody", "servers to measure, comma-separated")
	sizes := fs.String("sizes", "10,100,200", "room sizes (occupants), comma-separated")
	fs.Float64Var(&o.Rate, "rate", 40, "groupchat messages per second offered into the room, all senders together")
	fs.DurationVar(&o.Duration, "duration", 10*time.Second, "sending time per row")
	fs.IntVar(&o.Senders, "senders", 4, "occupants that send (the first ones to join)")
	fs.DurationVar(&o.Drain, "drain", 10*time.Second, "longest wait for deliveries after sending stops")
	fs.IntVar(&o.Parallel, "join-parallel", 16, "clients logging in and joining at the same time")
	fs.DurationVar(&o.JoinTimeout, "join-timeout", 60*time.Second, "deadline for the whole room to join")
	fs.IntVar(&o.XmppdQueue, "xmppd-queue", 0, "override xmppd's limits.outgoing-queue (0 keeps its default)")
	fs.StringVar(&o.jsonPath, "json", "", "write the rows and ratios as JSON to this file")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	if o.Sizes, err = parseSizes(*sizes); err != nil {
		return o, err
	}
	o.servers = strings.Split(*servers, ",")
	switch {
	case o.Rate <= 0 || o.Duration <= 0 || o.Senders < 1 || o.Parallel < 1:
		return o, fmt.Errorf("%w: -rate, -duration, -senders and -join-parallel must be positive", ErrUsage)
	case o.xmppd == "" && contains(o.servers, "xmppd"):
		return o, fmt.Errorf("%w: -xmppd PATH is required (or -servers prosody)", ErrUsage)
	}
	return o, nil
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%w: -sizes %q", ErrUsage, s)
		}
		out = append(out, n)
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.TrimSpace(v) == s {
			return true
		}
	}
	return false
}

// run measures every size on every server, each row on a fresh server
// process, sizes interleaved so both servers see the same machine state.
func run(ctx context.Context, o options, progress io.Writer) (*Report, error) {
	rep := &Report{Config: o.Params}
	starts := o.starters(rep, progress)
	for _, n := range o.Sizes {
		for _, st := range starts {
			row, err := measure(ctx, st, n, o.Params, progress)
			if err != nil {
				row.Error = err.Error()
				fmt.Fprintf(progress, "mucbench: %s %d occupants: %v\n", st.name, n, err)
			}
			rep.Rows = append(rep.Rows, row)
			if ctx.Err() != nil {
				return rep, ctx.Err()
			}
		}
	}
	rep.Ratios = ratios(rep.Rows)
	return rep, nil
}

// starter starts one kind of server in a directory.
type starter struct {
	name  string
	start func(ctx context.Context, dir string) (*server, error)
}

// starters lists the servers asked for; prosody is left out, with a note,
// when it is not installed.
func (o options) starters(rep *Report, progress io.Writer) []starter {
	var out []starter
	if contains(o.servers, "xmppd") {
		out = append(out, starter{"xmppd", func(ctx context.Context, dir string) (*server, error) {
			return startXmppd(ctx, dir, o.xmppd, o.XmppdQueue)
		}})
	}
	if contains(o.servers, "prosody") {
		if _, err := os.Stat(o.prosody); err != nil {
			note := fmt.Sprintf("prosody is not installed (%s): measuring xmppd alone, no ratios", o.prosody)
			rep.Notes = append(rep.Notes, note)
			fmt.Fprintln(progress, "mucbench:", note)
		} else {
			out = append(out, starter{"prosody", func(ctx context.Context, dir string) (*server, error) {
				return startProsody(ctx, dir, o.prosody)
			}})
		}
	}
	return out
}

// measure starts a fresh server, runs one row and stops the server.
func measure(ctx context.Context, st starter, n int, p Params, progress io.Writer) (Row, error) {
	row := Row{Server: st.name, Occupants: n}
	dir, err := os.MkdirTemp("", "mucbench-"+st.name)
	if err != nil {
		return row, err
	}
	defer os.RemoveAll(dir)
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	srv, err := st.start(sctx, dir)
	cancel()
	if err != nil {
		if errors.Is(err, testenv.ErrNotInstalled) {
			return row, fmt.Errorf("%s not installed: %w", st.name, err)
		}
		return row, err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.stop(stopCtx)
	}()
	return runRow(ctx, srv, n, p, progress)
}

func writeJSON(path string, rep *Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("mucbench: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("mucbench: %w", err)
	}
	return nil
}
