package bridge

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// Config configures a Bridge. FromJVB fills it from jvb.conf; the zero
// value plus a Version is usable in tests.
type Config struct {
	// Version is announced in presence, /about/version and (optionally)
	// ServerHello.
	Version string
	// Release is videobridge.version.release (presence stat "release").
	Release string
	// AnnounceVersion puts the version into ServerHello (version.announce).
	AnnounceVersion bool
	// Region is relay.region.
	Region string
	// RelayID is published as relay_id when RelayEnabled.
	RelayID      string
	RelayEnabled bool
	// WebSockets enables the colibri web socket (websockets.enabled).
	WebSockets bool
	// ServerID is websockets.server-id ("default-id").
	ServerID string
	// Domains are websockets.domains ("meet.example.com:443").
	Domains []string
	// TLS selects wss:// (websockets.tls); ws:// when false.
	TLS bool
	// Compression negotiates permessage-deflate (websockets.enable-compression).
	Compression bool
	// KeepaliveInterval is websockets.keepalive-ping-interval (15 s); 0 disables pings.
	KeepaliveInterval time.Duration
	// IdleTimeout closes a silent web socket (60 s).
	IdleTimeout time.Duration
	// EntityExpiration expires endpoints without activity (1 minute).
	EntityExpiration time.Duration
	// ExpirationCheck is the expiry check interval (entity-expiration.check-interval).
	ExpirationCheck time.Duration
	// StatsInterval is how often rates are sampled (stats.interval, 5 s).
	StatsInterval time.Duration
	// PacketRateCapacity is the packet rate (in + out, per second) at
	// which stress_level is 1.0 (load-management packet-rate load-threshold).
	PacketRateCapacity float64
	// AverageParticipantStress is published as average_participant_stress.
	AverageParticipantStress float64
	// InitialDrain is initial-drain-mode.
	InitialDrain bool
	// TrustedJIDs are the senders whose Colibri2 requests are accepted: a
	// full JID (the focus's brewery occupant) or a bare JID matches. Empty
	// accepts every sender (the XMPP layer then filters).
	TrustedJIDs []string
	// SCTP mirrors sctp.enabled. There is no SCTP stack: a request for an
	// SCTP data channel is refused as jvb refuses it with SCTP disabled.
	SCTP bool
	// REST toggles of the private HTTP API.
	REST RESTConfig
	// Clock is the time source for expiry, keepalives and stats.
	Clock clock.Clock
	// Logger receives the daemon's logs; slog.Default() when nil.
	Logger *slog.Logger
}

// RESTConfig says which private REST APIs answer (videobridge.rest.*,
// apis.rest.enabled for /colibri/stats).
type RESTConfig struct {
	Health, Version, Stats, Prometheus, Drain, Shutdown bool
}

func (c Config) withDefaults() Config {
	if c.ServerID == "" {
		c.ServerID = "default-id"
	}
	setDur(&c.KeepaliveInterval, 15*time.Second)
	setDur(&c.IdleTimeout, 60*time.Second)
	setDur(&c.EntityExpiration, time.Minute)
	if c.ExpirationCheck == 0 {
		c.ExpirationCheck = c.EntityExpiration
	}
	setDur(&c.StatsInterval, 5*time.Second)
	if c.PacketRateCapacity == 0 {
		c.PacketRateCapacity = 50000
	}
	if c.AverageParticipantStress == 0 {
		c.AverageParticipantStress = 0.01
	}
	if c.Clock == nil {
		c.Clock = clock.Real{}
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Version == "" {
		c.Version = "0.0.0-dev"
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
	if c.WebSockets && len(c.Domains) == 0 {
		return fmt.Errorf("%w: websockets enabled without domains", ErrInvalidConfig)
	}
	if strings.Contains(c.ServerID, "/") {
		return fmt.Errorf("%w: server-id %q contains '/'", ErrInvalidConfig, c.ServerID)
	}
	if c.EntityExpiration < 0 || c.StatsInterval < 0 || c.PacketRateCapacity < 0 {
		return fmt.Errorf("%w: negative interval or capacity", ErrInvalidConfig)
	}
	return nil
}

// FromJVB maps the parsed jvb.conf onto a Config. The caller adds Version,
// Clock, Logger and TrustedJIDs.
func FromJVB(j *config.JVB) Config {
	c := Config{
		Release: j.VersionRelease, AnnounceVersion: j.VersionAnnounce,
		Region: j.Region, RelayID: j.Relay.RelayID, RelayEnabled: j.Relay.Enabled,
		WebSockets: j.WebSockets.Enabled, ServerID: j.WebSockets.ServerID, Domains: j.WebSockets.Domains,
		IdleTimeout: j.WebSockets.IdleTimeout, Compression: j.WebSockets.EnableCompression,
		StatsInterval: j.StatsInterval, InitialDrain: j.InitialDrainMode, SCTP: j.SCTP,
		REST: RESTConfig{
			Health: j.REST.Health, Version: j.REST.Version, Stats: j.ColibriREST,
			Prometheus: j.REST.Prometheus, Drain: j.REST.Drain, Shutdown: j.REST.Shutdown && j.ColibriREST,
		},
	}
	if j.WebSockets.TLS != nil {
		c.TLS = *j.WebSockets.TLS
	}
	if j.WebSockets.SendKeepalivePings {
		c.KeepaliveInterval = j.WebSockets.KeepalivePingInterval
	} else {
		c.KeepaliveInterval = -1
	}
	return c
}
