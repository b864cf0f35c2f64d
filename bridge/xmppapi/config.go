package xmppapi

import (
	"crypto/x509"
	"fmt"
	"log/slog"
	"time"

	"mellium.im/xmpp/jid"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// Config configures the XMPP side. FromJVB fills it from jvb.conf; the
// caller adds Version, Clock, Logger and (for tests) RootCAs.
type Config struct {
	// Clients are the xmpp-client configs, one connection each.
	Clients []config.XMPPClient
	// PresenceInterval is how often the stats presence is re-sent
	// (apis.xmpp-client.presence-interval, default stats.interval, 5 s).
	PresenceInterval time.Duration
	// Version is answered to jabber:iq:version.
	Version string
	// RootCAs verifies server certificates; nil uses the system roots.
	RootCAs *x509.CertPool
	// PingInterval and PingTimeout drive the XEP-0199 keepalive (30 s, 15 s).
	PingInterval, PingTimeout time.Duration
	// BackoffMin and BackoffMax bound the reconnect delay (1 s doubling to 30 s).
	BackoffMin, BackoffMax time.Duration
	// DialTimeout bounds connecting, logging in and joining (30 s).
	DialTimeout time.Duration
	// LeaveTimeout bounds the graceful leave at Stop (5 s).
	LeaveTimeout time.Duration
	// ColibriQueue bounds the Colibri2 requests waiting per connection (64).
	ColibriQueue int
	// Clock times presence, pings, backoff and timeouts.
	Clock clock.Clock
	// Logger gets the logs, scoped per xmpp-client id; slog.Default() if nil.
	Logger *slog.Logger
}

// FromJVB maps jvb.conf onto a Config.
func FromJVB(j *config.JVB) Config {
	c := Config{Clients: append([]config.XMPPClient(nil), j.XMPPClients...), PresenceInterval: j.PresenceInterval}
	if c.PresenceInterval <= 0 {
		c.PresenceInterval = j.StatsInterval
	}
	return c
}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.PresenceInterval, 5*time.Second)
	def(&c.PingInterval, 30*time.Second)
	def(&c.PingTimeout, 15*time.Second)
	def(&c.BackoffMin, time.Second)
	def(&c.BackoffMax, 30*time.Second)
	def(&c.DialTimeout, 30*time.Second)
	def(&c.LeaveTimeout, 5*time.Second)
	if c.ColibriQueue <= 0 {
		c.ColibriQueue = 64
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
	for i := range c.Clients {
		x := &c.Clients[i]
		if x.Domain == "" {
			x.Domain = x.Hostname
		}
		if x.Port == 0 {
			x.Port = 5222
		}
	}
	return c
}

// Validate reports the first unusable client, naming its id and key.
func (c Config) Validate() error {
	if c.BackoffMax < c.BackoffMin {
		return fmt.Errorf("%w: backoff max %v below min %v", ErrConfig, c.BackoffMax, c.BackoffMin)
	}
	for _, x := range c.Clients {
		if err := validateClient(x); err != nil {
			return err
		}
	}
	return nil
}

func validateClient(x config.XMPPClient) error {
	bad := func(key, why string) error {
		return fmt.Errorf("%w: xmpp-client.configs.%s.%s: %s", ErrConfig, x.ID, key, why)
	}
	switch {
	case x.Hostname == "":
		return bad("hostname", "missing")
	case x.Port <= 0 || x.Port > 65535:
		return bad("port", fmt.Sprintf("%d out of range", x.Port))
	case x.Username == "":
		return bad("username", "missing (anonymous bridges are not supported)")
	case len(x.MUCJIDs) == 0:
		return bad("muc_jids", "no brewery room")
	case x.SecurityMode != "" && x.SecurityMode != "required" && x.SecurityMode != "ifpossible" && x.SecurityMode != "disabled":
		return bad("security_mode", fmt.Sprintf("%q", x.SecurityMode))
	}
	for _, r := range x.MUCJIDs {
		j, err := jid.Parse(r)
		if err != nil || j.Localpart() == "" || j.Resourcepart() != "" {
			return bad("muc_jids", fmt.Sprintf("%q is not a bare room JID", r))
		}
		if _, err := jid.New(j.Localpart(), j.Domainpart(), x.MUCNickname); err != nil || x.MUCNickname == "" {
			return bad("muc_nickname", fmt.Sprintf("%q is not a valid nickname", x.MUCNickname))
		}
	}
	return nil
}
