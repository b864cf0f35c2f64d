package demo

import (
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"strings"
)

// Defaults of the one-command demo.
const (
	DefaultDomain  = "meet.localhost"
	DefaultWebAddr = "127.0.0.1:8000"
	DefaultUDPPort = 10000
)

// Config is what cmd/demo's flags choose; everything else is the embedded
// default configuration.
type Config struct {
	// Domain is the XMPP domain of the deployment (DefaultDomain).
	Domain string
	// WebAddr is the loopback address of the web app (DefaultWebAddr;
	// port 0 picks a free one).
	WebAddr string
	// UDPPort is the bridge's one media port on 0.0.0.0; 0 picks a free one.
	UDPPort int
	// HostAddrs are the bridge's host candidates (LocalHostAddrs when nil).
	HostAddrs []netip.Addr
	// VendorDir holds jquery.min.js and lib-jitsi-meet.min.js (FindVendor).
	VendorDir string
	// DataDir keeps xmppd's accounts; empty means a temporary directory
	// removed at Stop.
	DataDir string
	// Logger receives the components' logs, each scoped with "component".
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.Domain == "" {
		c.Domain = DefaultDomain
	}
	if c.WebAddr == "" {
		c.WebAddr = DefaultWebAddr
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Validate reports the first invalid field: a domain that is not a host
// name, a web address off loopback, a port out of range.
func (c Config) Validate() error {
	if c.Domain == "" || strings.ContainsAny(c.Domain, "/@ :") {
		return fmt.Errorf("%w: domain %q is not a host name", ErrConfig, c.Domain)
	}
	if _, err := netip.ParseAddr(c.Domain); err == nil {
		return fmt.Errorf("%w: domain %q is an IP address; use a name such as %s", ErrConfig, c.Domain, DefaultDomain)
	}
	host, _, err := net.SplitHostPort(c.WebAddr)
	if err != nil {
		return fmt.Errorf("%w: web address %q: %w", ErrConfig, c.WebAddr, err)
	}
	if ip, err := netip.ParseAddr(host); err != nil || !ip.IsLoopback() {
		return fmt.Errorf("%w: web address %q: the demo serves on loopback only (e.g. 127.0.0.1:8000)", ErrConfig, c.WebAddr)
	}
	if c.UDPPort < 0 || c.UDPPort > 65535 {
		return fmt.Errorf("%w: UDP port %d out of range", ErrConfig, c.UDPPort)
	}
	for _, a := range c.HostAddrs {
		if !a.IsValid() || a.IsUnspecified() {
			return fmt.Errorf("%w: host candidate address %v", ErrConfig, a)
		}
	}
	if c.VendorDir == "" {
		return fmt.Errorf("%w: no vendor directory", ErrConfig)
	}
	return nil
}
