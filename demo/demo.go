package demo

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/bridge"
	"github.com/jitsi-go/jitsi-go/focus/xmppapi"
	"github.com/jitsi-go/jitsi-go/xmppd/server"
)

// Version is what the focus and bridge announce in the demo.
const Version = "demo"

// Demo is the running deployment: xmppd, the bridge, the focus and the
// web app, all in this process.
type Demo struct {
	cfg     Config
	log     *slog.Logger
	dataDir string
	ownData bool
	xmpp    *server.Server
	bridge  *bridge.Daemon
	focus   *xmppapi.Service
	web     *http.Server
	url     string
	cancel  context.CancelFunc // ends the focus's and the bridge's Run
	runs    sync.WaitGroup
	stop    sync.Once
	stopErr error
}

// Start brings up xmppd, registers the focus and jvb accounts with fresh
// passwords, then starts the bridge, the focus and the web app. On error
// whatever started is stopped again.
func Start(cfg Config) (*Demo, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.HostAddrs == nil {
		addrs, err := LocalHostAddrs()
		if err != nil {
			return nil, err
		}
		cfg.HostAddrs = addrs
	}
	d := &Demo{cfg: cfg, log: cfg.Logger, dataDir: cfg.DataDir}
	if err := d.start(); err != nil {
		ctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
		defer cancel()
		return nil, errors.Join(err, d.Stop(ctx))
	}
	return d, nil
}

func (d *Demo) start() error {
	if d.dataDir == "" {
		dir, err := os.MkdirTemp("", "jitsi-go-demo-")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		d.dataDir, d.ownData = dir, true
	}
	// jvb.conf names a real port; UDPPort 0 (a free one) is applied as
	// the bridge's listen address override.
	v := confValues{Domain: d.cfg.Domain, UDPPort: cmp.Or(d.cfg.UDPPort, DefaultUDPPort)}
	var err error
	if v.FocusPassword, err = password(); err != nil {
		return err
	}
	if v.JVBPassword, err = password(); err != nil {
		return err
	}
	if err := d.startXMPP(&v); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	if err := d.startBridge(ctx, &v); err != nil {
		return err
	}
	if err := d.startFocus(ctx, v); err != nil {
		return err
	}
	return d.startWeb()
}

// URL is the web app's address, e.g. http://127.0.0.1:8000/.
func (d *Demo) URL() string { return d.url }

// Where the web app's listener serves the bridge's and the focus's REST APIs.
const (
	bridgeAPIPrefix = "/bridge"
	focusAPIPrefix  = "/focus"
)

// BridgeStatsURL is the bridge's /colibri/stats on the web app's listener,
// e.g. http://127.0.0.1:8000/bridge/colibri/stats.
func (d *Demo) BridgeStatsURL() string { return d.url + bridgeAPIPrefix[1:] + "/colibri/stats" }

// FocusStatsURL is the focus's /stats on the web app's listener, e.g.
// http://127.0.0.1:8000/focus/stats.
func (d *Demo) FocusStatsURL() string { return d.url + focusAPIPrefix[1:] + "/stats" }

// WebSocketURL is the XMPP WebSocket endpoint the web app proxies to
// xmppd, e.g. ws://127.0.0.1:8000/xmpp-websocket.
func (d *Demo) WebSocketURL() string {
	return "ws" + strings.TrimPrefix(d.url, "http") + "xmpp-websocket"
}

// C2SAddr is xmppd's client-to-server (TCP, STARTTLS) address, e.g.
// 127.0.0.1:5222.
func (d *Demo) C2SAddr() string { return d.xmpp.Addrs().C2S }

// BridgeUDP is the bridge's bound media address.
func (d *Demo) BridgeUDP() string { return d.bridge.Bridge.SFU().LocalAddr().String() }

// HostAddrs are the bridge's advertised host candidate addresses.
func (d *Demo) HostAddrs() []string {
	out := make([]string, len(d.cfg.HostAddrs))
	for i, a := range d.cfg.HostAddrs {
		out[i] = a.String()
	}
	return out
}

// readyPoll is how often WaitReady looks at the focus.
const readyPoll = 50 * time.Millisecond

// WaitReady returns once the focus is connected and counts the bridge as
// operational (a conference can start), or when ctx ends.
func (d *Demo) WaitReady(ctx context.Context) error {
	tick := time.NewTicker(readyPoll)
	defer tick.Stop()
	for {
		err := d.focus.Health()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %w (%w)", ErrNotReady, err, ctx.Err())
		case <-tick.C:
		}
	}
}

// stopTimeout bounds a Stop after a failed Start.
const stopTimeout = 15 * time.Second

// Stop stops the web app, the focus, the bridge (which leaves the brewery
// first) and xmppd, in that order, and removes a temporary data directory.
// It is safe to call more than once.
func (d *Demo) Stop(ctx context.Context) error {
	d.stop.Do(func() { d.stopErr = d.shutdown(ctx) })
	return d.stopErr
}

func (d *Demo) shutdown(ctx context.Context) error {
	var errs []error
	if d.web != nil {
		errs = append(errs, d.web.Shutdown(ctx))
	}
	if d.cancel != nil {
		d.cancel()
	}
	d.runs.Wait()
	if d.xmpp != nil {
		errs = append(errs, d.xmpp.Shutdown(ctx))
	}
	if d.ownData {
		errs = append(errs, os.RemoveAll(d.dataDir))
	}
	return errors.Join(errs...)
}
