// Command loadtest load-tests a Jitsi deployment (ours, or prosody with
// ours) with simulated participants over the real path: N conferences of M
// participants joining over WebSocket, BOSH or c2s, S of them sending audio
// and V video, for a chosen duration. It prints a live progress line, then
// writes a JSON result and an offline HTML report (package loadtest and
// loadtest/report). The exit status is non-zero when no participant
// received any media.
//
//	loadtest -target ws://127.0.0.1:5280/xmpp-websocket -conferences 5 -participants 3 -duration 20s \
//	    -bridge-stats http://127.0.0.1:8080/colibri/stats -pid bridge=1234 -cut 0/1@5s+3s
//	loadtest -demo -conferences 5 -participants 3 -duration 20s
//	loadtest bench <name> [flags]    (the head-to-head benchmarks)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// run is the whole command: a bench subcommand, or a load test.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "bench" {
		return runBench(ctx, args[1:], stdout, stderr)
	}
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if !c.quiet {
		c.opts.Progress = stderr
	}
	if c.demo {
		stopDemo, err := aimAtDemo(ctx, &c, stderr)
		if err != nil {
			return err
		}
		defer stopDemo()
	}
	return loadAndReport(ctx, c, stdout)
}

func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintln(w, "usage: loadtest [flags]            run a load test (-target URL, or -demo)")
	fmt.Fprintln(w, "       loadtest bench <name> [flags]  run a head-to-head benchmark:", benchNames())
	fmt.Fprintln(w, "\nflags:")
	fs.PrintDefaults()
}
