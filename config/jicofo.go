package config

import (
	"fmt"
	"os"
	"time"
)

// Jicofo is the focus configuration read from jicofo.conf. Defaults are
// jicofo's (jicofo:jicofo-common/src/main/resources/reference.conf,
// jicofo-selector/src/main/resources/reference.conf and
// jicofo/src/main/resources/reference.conf); the XMPP names jicofo derives
// from the domain are filled in from the -host flag (see LoadJicofo).
type Jicofo struct {
	// XMPPDomain is the -host flag, else jicofo.xmpp.client.xmpp-domain, else
	// the client domain without its "auth." label.
	XMPPDomain     string
	Client         XMPPConn // jicofo.xmpp.client
	Service        XMPPConn // jicofo.xmpp.service (Enabled false: bridges use Client)
	TrustedDomains []string // jicofo.xmpp.trusted-domains, none
	Bridge         BridgeSelection
	SCTP           bool // jicofo.sctp.enabled, true
	Octo           Octo
	LocalRegion    string // jicofo.local-region, unset
	Conference     Conference
	Codec          Codec
	REST           JicofoREST
	Health         JicofoHealth
	// Warnings are the non-fatal findings: unknown keys, repairs.
	Warnings []Warning
}

// XMPPConn is one of jicofo's XMPP connections.
type XMPPConn struct {
	Enabled                        bool   // client true, service false
	Hostname                       string // "localhost"
	Port                           int    // client 5222, service 6222
	Domain                         string // login domain, default auth.<xmpp-domain>
	XMPPDomain                     string // default <xmpp-domain>
	Username                       string // "focus"
	Resource                       string // default Username
	Password                       string
	ReplyTimeout                   time.Duration // 15 s
	ConferenceMUCJID               string        // default conference.<xmpp-domain> (client only)
	ClientProxy                    string        // default focus.<xmpp-domain> (client only)
	UseTLS                         bool          // true
	DisableCertificateVerification bool          // false
}

// BridgeSelection holds jicofo.bridge.*.
type BridgeSelection struct {
	BreweryJID                string     // default JvbBrewery@internal.auth.<xmpp-domain>
	SelectionStrategy         string     // "SingleBridgeSelectionStrategy"
	RegionGroups              [][]string // none
	StressThreshold           float64    // 0.8
	MaxBridgeParticipants     int        // 80 (-1: no maximum)
	AverageParticipantStress  float64    // 0.01
	ParticipantRampupInterval time.Duration
	FailureResetThreshold     time.Duration // 1 minute
	XMPPConnectionName        string        // "Service" (falls back to Client when no service connection)
	HealthChecks              BridgeHealthChecks
}

// BridgeHealthChecks holds jicofo.bridge.health-checks.*.
type BridgeHealthChecks struct {
	Enabled         bool          // true
	Interval        time.Duration // 10 s
	RetryDelay      time.Duration // default Interval/2
	UsePresence     bool          // false
	PresenceTimeout time.Duration // 45 s
}

// Octo holds jicofo.octo.*.
type Octo struct {
	Enabled, AllowMixedVersions bool
	SCTPDatachannels            bool // default jicofo.sctp.enabled
}

// JicofoREST holds jicofo.rest.*.
type JicofoREST struct {
	Enabled                                                  bool   // true
	Host                                                     string // "127.0.0.1"
	Port                                                     int    // 8888
	Prometheus, ConferenceRequest, MoveEndpoints, Debug, Pin bool   // all true
}

// JicofoHealth holds jicofo.health.* (the focus's own health check).
type JicofoHealth struct {
	Enabled                             bool // false
	Interval, Timeout, MaxCheckDuration time.Duration
	RoomNamePrefix                      string
}

// LoadJicofo reads jicofo.conf at path. host is the -host flag (the XMPP
// domain, an FQDN); empty means "take it from the file".
func LoadJicofo(path, host string) (*Jicofo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return ParseJicofo(path, data, host)
}

// ParseJicofo builds the focus configuration from jicofo.conf text; see LoadJicofo.
func ParseJicofo(name string, data []byte, host string) (*Jicofo, error) {
	d, err := ParseHOCONRepair(name, data)
	if err != nil {
		return nil, err
	}
	c := &Jicofo{}
	c.Warnings = append(c.Warnings, d.Repairs...)
	r := &reader{d: d}
	c.readXMPP(r, host)
	c.readBridge(r)
	c.readConference(r)
	c.readCodec(r)
	c.readMisc(r)
	if r.err != nil {
		return nil, r.err
	}
	c.Warnings = append(c.Warnings, jicofoSchema.check(d)...)
	if err := c.validate(d, host); err != nil {
		return nil, err
	}
	return c, nil
}
