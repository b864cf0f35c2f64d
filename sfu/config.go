package sfu

import (
	"crypto/tls"
	"fmt"
	"net/netip"
	"time"
)

// DefaultPort is the UDP port jitsi-videobridge uses (videobridge.ice.udp.port).
const DefaultPort = 10000

// NATMapping is a static 1:1 NAT mapping (ice4j NAT_HARVESTER_LOCAL_ADDRESS /
// NAT_HARVESTER_PUBLIC_ADDRESS). For every host candidate on Local the bridge
// also advertises a srflx candidate on Public with the same port.
type NATMapping struct {
	Local  netip.Addr
	Public netip.Addr
}

// Config configures an SFU. The zero value is usable: it listens on
// 0.0.0.0:10000 with the defaults below.
type Config struct {
	// ListenAddr is the single UDP address every endpoint shares.
	// Port 0 picks a free port (tests). Default 0.0.0.0:10000.
	ListenAddr netip.AddrPort
	// HostAddrs are the addresses advertised as host candidates. Default:
	// the bound address, or every non-loopback interface address when bound
	// to the unspecified address.
	HostAddrs []netip.Addr
	// NAT lists static 1:1 mappings advertised as srflx candidates.
	NAT []NATMapping
	// UfragPrefix is prepended to every local ufrag (ice.ufrag-prefix).
	UfragPrefix string
	// Certificate is the DTLS certificate; a fresh ECDSA P-256 self-signed
	// one is generated when nil.
	Certificate *tls.Certificate
	// Clock is the time source; the system clock when nil.
	Clock Clock
	// TickInterval paces ICE checks, reports and speaker detection (20 ms).
	TickInterval time.Duration
	// ConsentInterval is the consent freshness check period (5 s).
	ConsentInterval time.Duration
	// ConsentTimeout declares the transport failed without consent (30 s).
	ConsentTimeout time.Duration
	// DTLSTimeout bounds the DTLS handshake (30 s).
	DTLSTimeout time.Duration
	// RRInterval is the receiver report period (500 ms).
	RRInterval time.Duration
	// KeyframeInterval is the minimum time between two keyframe requests
	// sent to one sender SSRC (300 ms).
	KeyframeInterval time.Duration
	// InitialMaxHeight is the video max height a receiver gets before its
	// first constraints arrive (jvb cc.initial-max-height-px, 0).
	InitialMaxHeight int
	// DefaultMaxHeight applies once constraints arrived without a default (180).
	DefaultMaxHeight int
	// SimulcastHeights are the frame heights assumed for the SIM layers,
	// lowest first (180, 360, 720).
	SimulcastHeights []int
	// LastN caps every receiver's last-N (jvb cc.jvb-last-n); -1 = unlimited.
	LastN int
	// EventBuffer is the capacity of the Events channel (1024).
	EventBuffer int
}

func (c Config) withDefaults() Config {
	if !c.ListenAddr.IsValid() {
		c.ListenAddr = netip.AddrPortFrom(netip.IPv4Unspecified(), DefaultPort)
	}
	if c.Clock == nil {
		c.Clock = systemClock{}
	}
	setDur(&c.TickInterval, 20*time.Millisecond)
	setDur(&c.ConsentInterval, 5*time.Second)
	setDur(&c.ConsentTimeout, 30*time.Second)
	setDur(&c.DTLSTimeout, 30*time.Second)
	setDur(&c.RRInterval, 500*time.Millisecond)
	setDur(&c.KeyframeInterval, 300*time.Millisecond)
	if c.DefaultMaxHeight == 0 {
		c.DefaultMaxHeight = 180
	}
	if len(c.SimulcastHeights) == 0 {
		c.SimulcastHeights = []int{180, 360, 720}
	}
	if c.LastN == 0 {
		c.LastN = -1
	}
	if c.EventBuffer == 0 {
		c.EventBuffer = 1024
	}
	return c
}

func setDur(d *time.Duration, def time.Duration) {
	if *d == 0 {
		*d = def
	}
}

// Validate reports the first invalid field.
func (c Config) Validate() error {
	for i, m := range c.NAT {
		if !m.Local.IsValid() || !m.Public.IsValid() {
			return fmt.Errorf("%w: NAT[%d]: local and public address required", ErrInvalidConfig, i)
		}
	}
	for i, a := range c.HostAddrs {
		if !a.IsValid() || a.IsUnspecified() {
			return fmt.Errorf("%w: HostAddrs[%d]: %v", ErrInvalidConfig, i, a)
		}
	}
	if c.TickInterval < 0 || c.ConsentInterval < 0 || c.ConsentTimeout < 0 || c.DTLSTimeout < 0 {
		return fmt.Errorf("%w: negative duration", ErrInvalidConfig)
	}
	if c.InitialMaxHeight < 0 || c.DefaultMaxHeight < 0 {
		return fmt.Errorf("%w: negative max height", ErrInvalidConfig)
	}
	if c.EventBuffer < 0 {
		return fmt.Errorf("%w: negative event buffer", ErrInvalidConfig)
	}
	return nil
}
