package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/jitsi-go/jitsi-go/loadtest/capacity"
	"github.com/jitsi-go/jitsi-go/loadtest/mucbench"
	"github.com/jitsi-go/jitsi-go/loadtest/relaybench"
)

// benchMain is the entry point every head-to-head bench package exports
// (Main, and Serve for the child process a bench self-executes): its own
// flag set named after it, progress on stderr, the table and ratio on
// stdout, flag.ErrHelp on -h.
type benchMain func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// benches dispatches `loadtest bench <name> [flags]`.
//
// BENCH DISPATCH: the lead wires the bench packages in here, e.g.
//
//	"relay":       relaybench.Main,
//	"relay-serve": relaybench.Serve,
//	"muc":         mucbench.Main,
//	"muc-serve":   mucbench.Serve,
//	"capacity":    capacity.Main,
var benches = map[string]benchMain{
	"relay":       relaybench.Main,
	"relay-serve": relaybench.Serve,
	"muc":         mucbench.Main,
	"capacity":    capacity.Main,
}

// runBench runs the bench args[0] with the remaining arguments.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		fmt.Fprintln(stderr, "usage: loadtest bench <name> [flags]; benches:", benchNames())
		return flag.ErrHelp
	}
	b, ok := benches[args[0]]
	if !ok {
		return fmt.Errorf("no bench %q (have: %s)", args[0], benchNames())
	}
	return b(ctx, args[1:], stdout, stderr)
}

// benchNames lists the wired benches.
func benchNames() string {
	var names []string
	for n := range benches {
		names = append(names, n)
	}
	slices.Sort(names)
	if len(names) == 0 {
		return "(none wired in this build)"
	}
	return strings.Join(names, ", ")
}
