package xmppapi

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// Options are the focus's configuration (jicofo.conf) and what the command
// line adds to it.
type Options struct {
	Config  *config.Jicofo
	Version string
	Logger  *slog.Logger
	Clock   clock.Clock
	// CAFile is a PEM bundle trusted for the XMPP server's certificate
	// (added to the system roots); empty means the system roots only.
	CAFile string
	// ClientAddr replaces jicofo.xmpp.client hostname:port (tests).
	ClientAddr string
	// ComponentAddr and ComponentSecret, when the secret is set, also serve
	// jicofo.xmpp.client.client-proxy (focus.<domain>) as an XEP-0114
	// external component there, for servers without mod_client_proxy.
	ComponentAddr, ComponentSecret string
	// ReconnectDelay is the pause between connection attempts (5 s).
	ReconnectDelay time.Duration
	// PingInterval is how often the client session pings the server (30 s).
	PingInterval time.Duration
	// ReadyWait bounds how long a conference request waits for the room to
	// be joined before answering ready="false" (default: the reply timeout).
	ReadyWait time.Duration
}

func (o *Options) defaults() error {
	if o.Config == nil {
		return fmt.Errorf("%w: no jicofo configuration", ErrBadConfig)
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	if o.ReconnectDelay <= 0 {
		o.ReconnectDelay = 5 * time.Second
	}
	if o.PingInterval <= 0 {
		o.PingInterval = 30 * time.Second
	}
	if o.ReadyWait <= 0 {
		o.ReadyWait = o.replyTimeout()
	}
	c := o.Config.Client
	if o.ClientAddr == "" {
		o.ClientAddr = net.JoinHostPort(c.Hostname, strconv.Itoa(c.Port))
	}
	if c.Username == "" || c.Domain == "" {
		return fmt.Errorf("%w: jicofo.xmpp.client needs username and domain", ErrBadConfig)
	}
	if o.Config.Bridge.BreweryJID == "" {
		return fmt.Errorf("%w: jicofo.bridge.brewery-jid is not set", ErrBadConfig)
	}
	if o.ComponentSecret != "" && (o.ComponentAddr == "" || c.ClientProxy == "") {
		return fmt.Errorf("%w: the component needs an address and jicofo.xmpp.client.client-proxy", ErrBadConfig)
	}
	return nil
}

func (o *Options) replyTimeout() time.Duration {
	if t := o.Config.Client.ReplyTimeout; t > 0 {
		return t
	}
	return 15 * time.Second
}

// tlsConfig builds the STARTTLS configuration from use-tls,
// disable-certificate-verification and CAFile; nil means no TLS.
func (o *Options) tlsConfig() (*tls.Config, error) {
	c := o.Config.Client
	if !c.UseTLS {
		return nil, nil
	}
	cfg := &tls.Config{ServerName: c.Domain, MinVersion: tls.VersionTLS12}
	if c.DisableCertificateVerification {
		cfg.InsecureSkipVerify = true // the operator asked for it in jicofo.conf
		return cfg, nil
	}
	if o.CAFile == "" {
		return cfg, nil
	}
	pem, err := os.ReadFile(o.CAFile)
	if err != nil {
		return nil, fmt.Errorf("%w: CA file: %v", ErrBadConfig, err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%w: CA file %s holds no PEM certificate", ErrBadConfig, o.CAFile)
	}
	cfg.RootCAs = pool
	return cfg, nil
}

// breweryConfig maps jicofo.bridge.* onto the registry's configuration.
func breweryConfig(c *config.Jicofo) brewery.Config {
	b := c.Bridge
	return brewery.Config{
		StressThreshold:          b.StressThreshold,
		MaxBridgeParticipants:    b.MaxBridgeParticipants,
		AverageParticipantStress: b.AverageParticipantStress,
		ParticipantRampUp:        b.ParticipantRampupInterval,
		FailureResetThreshold:    b.FailureResetThreshold,
		LocalRegion:              c.LocalRegion,
		RegionGroups:             b.RegionGroups,
		AllowMixedVersions:       c.Octo.AllowMixedVersions,
		Octo:                     c.Octo.Enabled,
	}
}
