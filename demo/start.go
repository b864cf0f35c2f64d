package demo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/jitsi-go/jitsi-go/bridge"
	"github.com/jitsi-go/jitsi-go/focus/xmppapi"
	"github.com/jitsi-go/jitsi-go/xmppd/server"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

// startXMPP starts xmppd with the standard Jitsi layout for the domain on
// loopback (c2s and HTTP on free ports, no component or admin listener;
// focus.<domain> is xmppd's native client_proxy to focus@auth.<domain>)
// and registers the focus and jvb accounts.
func (d *Demo) startXMPP(v *confValues) error {
	cfg := xconfig.Default(d.cfg.Domain)
	cfg.DataDir = d.dataDir
	cfg.C2S, cfg.HTTP, cfg.Components, cfg.Admin = "127.0.0.1:0", "127.0.0.1:0", "", ""
	srv, err := server.New(cfg, d.log.With("component", "xmppd"), nil)
	if err != nil {
		return fmt.Errorf("demo: xmppd: %w", err)
	}
	if err := srv.Start(); err != nil {
		return fmt.Errorf("demo: xmppd: %w", err)
	}
	d.xmpp = srv
	c2s, err := netip.ParseAddrPort(srv.Addrs().C2S)
	if err != nil {
		return fmt.Errorf("demo: xmppd c2s address: %w", err)
	}
	v.C2SPort = int(c2s.Port())
	auth := "auth." + d.cfg.Domain
	if err := srv.Store().Register("focus", auth, v.FocusPassword); err != nil {
		return fmt.Errorf("demo: register focus: %w", err)
	}
	if err := srv.Store().Register("jvb", auth, v.JVBPassword); err != nil {
		return fmt.Errorf("demo: register jvb: %w", err)
	}
	return nil
}

// startBridge starts the bridge from the embedded jvb.conf: media on
// 0.0.0.0:<UDPPort> advertising cfg.HostAddrs, the colibri websocket on a
// free 127.0.0.1 port, the brewery login over xmppd's c2s.
func (d *Demo) startBridge(ctx context.Context, v *confValues) error {
	ws, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: bridge websocket listener: %w", err)
	}
	v.WSPort = ws.Addr().(*net.TCPAddr).Port
	j, err := jvbConfig(*v)
	if err != nil {
		ws.Close()
		return err
	}
	log := d.log.With("component", "bridge")
	b, err := bridge.NewDaemon(j, bridge.DaemonOptions{
		Version: Version, Logger: log, XMPP: true, PublicListener: ws,
		UDPAddr:   netip.AddrPortFrom(netip.IPv4Unspecified(), uint16(d.cfg.UDPPort)),
		HostAddrs: d.cfg.HostAddrs,
	})
	if err != nil {
		ws.Close()
		return fmt.Errorf("demo: bridge: %w", err)
	}
	d.bridge = b
	d.runs.Go(func() { _ = b.Run(ctx) })
	return nil
}

// startFocus starts the focus from the embedded jicofo.conf as a client
// of xmppd (reached at focus.<domain> through xmppd's client_proxy).
func (d *Demo) startFocus(ctx context.Context, v confValues) error {
	cfg, err := jicofoConfig(v)
	if err != nil {
		return err
	}
	log := d.log.With("component", "focus")
	for _, w := range cfg.Warnings {
		log.Warn("config: " + w.String())
	}
	svc, err := xmppapi.New(xmppapi.Options{Config: cfg, Version: Version, Logger: log})
	if err != nil {
		return fmt.Errorf("demo: focus: %w", err)
	}
	d.focus = svc
	d.runs.Go(func() {
		if err := svc.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("focus stopped", "err", err)
		}
	})
	return nil
}

// startWeb serves the web app on cfg.WebAddr, with the bridge's private
// REST API under /bridge/ and the focus's under /focus/.
func (d *Demo) startWeb() error {
	app, err := webHandler(d.cfg.Domain, d.cfg.VendorDir, d.xmpp.Addrs().HTTP)
	if err != nil {
		return fmt.Errorf("demo: web: %w", err)
	}
	h := http.NewServeMux()
	h.Handle("/", app)
	h.Handle(bridgeAPIPrefix+"/", http.StripPrefix(bridgeAPIPrefix, d.bridge.Bridge.RESTHandler()))
	h.Handle(focusAPIPrefix+"/", http.StripPrefix(focusAPIPrefix, d.focus.Handler()))
	ln, err := net.Listen("tcp", d.cfg.WebAddr)
	if err != nil {
		return fmt.Errorf("demo: web: %w", err)
	}
	d.web = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	d.url = "http://" + ln.Addr().String() + "/"
	log := d.log.With("component", "web")
	go func() {
		if err := d.web.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("web server", "err", err)
		}
	}()
	return nil
}

// password returns 128 random bits in hex.
func password() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("demo: password: %w", err)
	}
	return hex.EncodeToString(b), nil
}
