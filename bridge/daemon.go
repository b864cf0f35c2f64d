package bridge

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/jitsi-go/jitsi-go/bridge/xmppapi"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/sfu"
)

// DaemonOptions are what the command line adds to jvb.conf.
type DaemonOptions struct {
	Version     string
	TrustedJIDs []string
	Logger      *slog.Logger
	// PrivateListener and PublicListener replace the configured HTTP
	// addresses (tests); nil means listen as configured.
	PrivateListener, PublicListener net.Listener
	// UDPAddr replaces 0.0.0.0:<videobridge.ice.udp.port> (tests).
	UDPAddr netip.AddrPort
	// HostAddrs, when set, are the addresses advertised as host
	// candidates instead of the bound address or, when bound to 0.0.0.0,
	// every non-loopback interface address (sfu.Config.HostAddrs).
	HostAddrs []netip.Addr
	// XMPP starts the brewery client (package xmppapi) for every
	// videobridge.apis.xmpp-client config; cmd/bridge sets it.
	XMPP bool
	// XMPPRootCAs verify the XMPP servers' certificates; nil uses the
	// system roots (tests pass their own).
	XMPPRootCAs *x509.CertPool
}

// Daemon is the running bridge: the SFU, the Bridge, its HTTP servers and
// its XMPP side (brewery client).
type Daemon struct {
	Bridge  *Bridge
	sfu     *sfu.SFU
	log     *slog.Logger
	servers []*http.Server
	xmpp    *xmppapi.Service // nil without xmpp-client configs
}

// SFUConfig maps jvb.conf onto the media plane's config, with a warning
// for every harvester this bridge does not implement.
func SFUConfig(j *config.JVB) (sfu.Config, []string) {
	c := sfu.Config{
		ListenAddr:  netip.AddrPortFrom(netip.IPv4Unspecified(), uint16(j.ICE.UDPPort)),
		UfragPrefix: j.ICE.UfragPrefix,
	}
	var warn []string
	for _, m := range j.Harvest.StaticMappings {
		l, errL := netip.ParseAddr(m.LocalAddress)
		p, errP := netip.ParseAddr(m.PublicAddress)
		if errL != nil || errP != nil {
			warn = append(warn, fmt.Sprintf("static mapping %q: not IP addresses, ignored", m.Name))
			continue
		}
		c.NAT = append(c.NAT, sfu.NATMapping{Local: l.Unmap(), Public: p.Unmap()})
	}
	if len(j.Harvest.STUNAddresses) > 0 {
		warn = append(warn, "STUN mapping harvester is not implemented; use NAT_HARVESTER_PUBLIC_ADDRESS (static mapping)")
	}
	if j.Harvest.AWSEnabled || j.Harvest.AWSForce {
		warn = append(warn, "AWS harvester is not implemented; set DISABLE_AWS_HARVESTER=true and a static mapping")
	}
	if j.ICE.TCPEnabled {
		warn = append(warn, "ICE/TCP is not implemented (removed upstream too)")
	}
	return c, warn
}

// NewDaemon binds the UDP port and the HTTP listeners and starts the bridge.
func NewDaemon(j *config.JVB, o DaemonOptions) (*Daemon, error) {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	sc, warns := SFUConfig(j)
	for _, w := range warns {
		log.Warn(w)
	}
	if o.UDPAddr.IsValid() {
		sc.ListenAddr = o.UDPAddr
	}
	if len(o.HostAddrs) > 0 {
		sc.HostAddrs = o.HostAddrs
	}
	if j.SCTP {
		log.Warn("SCTP data channels are not implemented: set jicofo.sctp.enabled=false; SCTP requests are refused")
	}
	s, err := sfu.New(sc)
	if err != nil {
		return nil, err
	}
	bc := FromJVB(j)
	bc.Version, bc.TrustedJIDs, bc.Logger = o.Version, o.TrustedJIDs, log
	b, err := New(bc, s)
	if err != nil {
		_ = s.Close()
		return nil, err
	}
	d := &Daemon{Bridge: b, sfu: s, log: log}
	if err := d.listen(j, o); err != nil {
		d.close()
		return nil, err
	}
	if err := d.startXMPP(j, o, bc.Version); err != nil {
		d.close()
		return nil, err
	}
	log.Info("bridge started", "udp", s.LocalAddr().String(), "version", bc.Version)
	return d, nil
}

func (d *Daemon) listen(j *config.JVB, o DaemonOptions) error {
	priv, err := listener(o.PrivateListener, j.PrivateHTTP)
	if err != nil {
		return err
	}
	if priv != nil {
		d.serve(priv, d.Bridge.RESTHandler())
	}
	pub, err := listener(o.PublicListener, j.PublicHTTP)
	if err != nil {
		return err
	}
	if pub != nil {
		mux := http.NewServeMux()
		mux.Handle("/"+wsPathRoot+"/", d.Bridge.WebSocketHandler())
		d.serve(pub, mux)
	} else if j.WebSockets.Enabled {
		d.log.Warn("websockets.enabled but http-servers.public.port is off: no bridge channel")
	}
	return nil
}

// listener returns ln, or a listener on the configured host:port, or nil
// when the server is off (port <= 0).
func listener(ln net.Listener, s config.HTTPServer) (net.Listener, error) {
	if ln != nil {
		return ln, nil
	}
	if s.Port <= 0 {
		return nil, nil
	}
	l, err := net.Listen("tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.Port)))
	if err != nil {
		return nil, fmt.Errorf("bridge: http listen: %w", err)
	}
	return l, nil
}

func (d *Daemon) serve(ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	d.servers = append(d.servers, srv)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.log.Error("http server", "addr", ln.Addr().String(), "err", err)
		}
	}()
	d.log.Info("http server listening", "addr", ln.Addr().String())
}

// startXMPP starts the brewery client when asked and configured.
func (d *Daemon) startXMPP(j *config.JVB, o DaemonOptions, version string) error {
	if !o.XMPP || len(j.XMPPClients) == 0 {
		return nil
	}
	xc := xmppapi.FromJVB(j)
	xc.Version, xc.Logger, xc.RootCAs = version, d.log, o.XMPPRootCAs
	svc, err := xmppapi.New(xc, d.Bridge)
	if err != nil {
		return err
	}
	d.xmpp = svc
	d.Bridge.xmpp.Store(svc)
	return svc.Start()
}

// Run waits until ctx ends (SIGTERM) or a REST shutdown completes, then
// leaves the brewery (presence with graceful_shutdown first) and only then
// closes every endpoint, the HTTP servers and the UDP socket.
func (d *Daemon) Run(ctx context.Context) error {
	select {
	case <-ctx.Done():
		d.log.Info("terminating")
	case <-d.Bridge.Done():
		d.log.Info("shutdown complete")
	}
	d.close()
	return nil
}

// stopXMPP leaves the brewery, waiting at most 10 s.
func (d *Daemon) stopXMPP() {
	if d.xmpp == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := d.xmpp.Stop(ctx); err != nil {
		d.log.Warn("leaving the brewery", "err", err)
	}
}

func (d *Daemon) close() {
	d.stopXMPP()
	_ = d.Bridge.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, s := range d.servers {
		_ = s.Shutdown(ctx)
	}
	_ = d.sfu.Close()
}
