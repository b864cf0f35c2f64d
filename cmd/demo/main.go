// Command demo is README command 1: it runs xmppd, the focus and the bridge
// in one process with the embedded default configuration, serves a small
// web app on 127.0.0.1 and prints its URL; open it in two tabs, join the
// same room, and the two tabs are in a call through our bridge. Ctrl-C
// (SIGINT) or SIGTERM stops everything. See package demo.
//
//	go run ./cmd/demo
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jitsi-go/jitsi-go/demo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// options are the command line flags.
type options struct {
	domain, web, vendor, level string
	udpPort                    int
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.domain, "domain", demo.DefaultDomain, "XMPP domain of the demo deployment")
	fs.StringVar(&o.web, "web", demo.DefaultWebAddr, "loopback address of the web app")
	fs.IntVar(&o.udpPort, "udp-port", demo.DefaultUDPPort, "the bridge's media port (UDP, on 0.0.0.0); 0 picks a free one")
	fs.StringVar(&o.vendor, "vendor", "", "directory with jquery.min.js and lib-jitsi-meet.min.js (default e2e/web/vendor of the checkout, fetched by "+demo.FetchCommand+" when missing)")
	fs.StringVar(&o.level, "log-level", "warn", "debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return o, nil
}

// run starts the demo, prints the URL and stops it when ctx ends.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(o.level)); err != nil {
		return fmt.Errorf("demo: bad -log-level %q", o.level)
	}
	vendor, err := vendorDir(ctx, o.vendor, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	d, err := demo.Start(demo.Config{Domain: o.domain, WebAddr: o.web, UDPPort: o.udpPort, VendorDir: vendor, Logger: log})
	if err != nil {
		return err
	}
	defer stopDemo(d, stderr)
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := d.WaitReady(rctx); err != nil {
		if ctx.Err() != nil {
			return nil // interrupted while starting
		}
		return err
	}
	fmt.Fprintf(stdout, "jitsi-go demo: xmppd, focus and bridge are running (domain %s, media udp %s, host candidates %v)\n",
		o.domain, d.BridgeUDP(), d.HostAddrs())
	fmt.Fprintf(stdout, "Stats: bridge %s, focus %s; XMPP WebSocket %s (for cmd/loadtest -target)\n",
		d.BridgeStatsURL(), d.FocusStatsURL(), d.WebSocketURL())
	fmt.Fprintf(stdout, "Open %s in two browser tabs, join the same room in both. Ctrl-C stops.\n", d.URL())
	<-ctx.Done()
	fmt.Fprintln(stdout, "jitsi-go demo: stopping")
	return nil
}

// vendorDir returns flagDir, or e2e/web/vendor of the checkout the
// working directory is in, fetching the bundles first when missing.
func vendorDir(ctx context.Context, flagDir string, stderr io.Writer) (string, error) {
	if flagDir != "" {
		if m := demo.MissingVendor(flagDir); len(m) > 0 {
			return "", fmt.Errorf("%w: %v not in -vendor=%s", demo.ErrVendor, m, flagDir)
		}
		return flagDir, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	root, err := demo.FindRoot(wd)
	if err != nil {
		return "", err
	}
	if m := demo.MissingVendor(demo.VendorDir(root)); len(m) > 0 {
		fmt.Fprintf(stderr, "demo: %v missing in %s; running %s\n", m, demo.VendorDir(root), demo.FetchCommand)
	}
	if err := demo.EnsureVendor(ctx, root, stderr); err != nil {
		return "", err
	}
	return demo.VendorDir(root), nil
}

func stopDemo(d *demo.Demo, stderr io.Writer) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := d.Stop(ctx); err != nil {
		fmt.Fprintln(stderr, "demo: stop:", err)
	}
}
