package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"time"

	"github.com/jitsi-go/jitsi-go/demo"
	"github.com/jitsi-go/jitsi-go/loadtest"
)

// demoReady bounds the demo deployment's start.
const demoReady = 30 * time.Second

// aimAtDemo starts the demo deployment in this process (free ports, media
// on 127.0.0.1) and points the run at it: its XMPP WebSocket, its bridge
// and focus stats, and this process's CPU and RSS as "demo" (which include
// the simulated participants'). It returns the function that stops it.
func aimAtDemo(ctx context.Context, c *config, stderr io.Writer) (func(), error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("bad -log-level %q", c.logLevel)
	}
	vendor, cleanup, err := demoVendor(c.vendor)
	if err != nil {
		return nil, err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	d, err := demo.Start(demo.Config{Domain: c.opts.Domain, WebAddr: "127.0.0.1:0", UDPPort: 0, VendorDir: vendor,
		Logger: log, HostAddrs: []netip.Addr{netip.MustParseAddr("127.0.0.1")}})
	if err != nil {
		cleanup()
		return nil, err
	}
	stop := func() {
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := d.Stop(sctx); err != nil {
			fmt.Fprintln(stderr, "loadtest: demo stop:", err)
		}
		cleanup()
	}
	rctx, cancel := context.WithTimeout(ctx, demoReady)
	defer cancel()
	if err := d.WaitReady(rctx); err != nil {
		stop()
		return nil, err
	}
	o := &c.opts
	o.Target, o.Transport = d.WebSocketURL(), loadtest.TransportWebSocket
	o.BridgeStats, o.FocusStats = d.BridgeStatsURL(), d.FocusStatsURL()
	o.Procs = append(o.Procs, loadtest.Proc{Name: "demo", PID: os.Getpid()})
	fmt.Fprintf(stderr, "loadtest: demo deployment up: %s, bridge stats %s\n", o.Target, o.BridgeStats)
	return stop, nil
}

// demoVendor is the -vendor directory, else e2e/web/vendor of the checkout
// when complete, else an empty temporary directory: the load test does not
// load the web page, so the bundles are optional here.
func demoVendor(flagDir string) (string, func(), error) {
	if flagDir != "" {
		return flagDir, func() {}, nil
	}
	if wd, err := os.Getwd(); err == nil {
		if root, err := demo.FindRoot(wd); err == nil && len(demo.MissingVendor(demo.VendorDir(root))) == 0 {
			return demo.VendorDir(root), func() {}, nil
		}
	}
	dir, err := os.MkdirTemp("", "loadtest-vendor-")
	if err != nil {
		return "", nil, err
	}
	return dir, func() { _ = os.RemoveAll(dir) }, nil
}
