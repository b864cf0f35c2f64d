package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// JVB is the bridge configuration read from jvb.conf plus the legacy
// sip-communicator.properties. Defaults are jvb's
// (jvb:jvb/src/main/resources/reference.conf) unless noted.
type JVB struct {
	// XMPPClients are videobridge.apis.xmpp-client.configs.<id>, then the
	// legacy org.jitsi.videobridge.xmpp.user.<id>.* properties, sorted by ID.
	XMPPClients      []XMPPClient
	PresenceInterval time.Duration // apis.xmpp-client.presence-interval, default = stats.interval
	StatsInterval    time.Duration // stats.interval, 5 s
	ColibriREST      bool          // apis.rest.enabled, false
	ICE              ICE
	PublicHTTP       HTTPServer // http-servers.public: port -1, tls-port -1 (off)
	PrivateHTTP      HTTPServer // http-servers.private: 127.0.0.1:8080, tls-port 8443 (jicoco JettyBundleActivatorConfig)
	WebSockets       WebSockets
	SCTP             bool // sctp.enabled, true
	Relay            Relay
	REST             RESTToggles
	Shutdown         Shutdown
	InitialDrainMode bool   // initial-drain-mode, false
	VersionAnnounce  bool   // version.announce, false
	VersionRelease   string // version.release, unset
	// Region is relay.region, else the legacy org.jitsi.videobridge.REGION property.
	Region  string
	Harvest Harvest
	// Warnings are the non-fatal findings: unknown keys, repairs, legacy forms.
	Warnings []Warning
}

// XMPPClient is one XMPP connection of the bridge (jicoco MucClientConfiguration).
type XMPPClient struct {
	ID                             string
	Hostname                       string
	Port                           int    // 5222
	Domain                         string // defaults to Hostname
	Username, Password             string
	MUCJIDs                        []string // muc_jids: a list or a comma-separated string
	MUCNickname                    string
	DisableCertificateVerification bool
	IQHandlerMode                  string // "sync" or "async", optional
	SecurityMode                   string // "required", "ifpossible", "disabled", optional
}

// ICE holds videobridge.ice.*.
type ICE struct {
	UDPPort                    int    // udp.port, 10000 (legacy SINGLE_PORT_HARVESTER_PORT)
	UfragPrefix                string // ufrag-prefix, unset
	KeepAliveStrategy          string // keep-alive-strategy, "selected_only"
	NominationStrategy         string // nomination-strategy, "NominateFirstHostOrReflexiveValid"
	AdvertisePrivateCandidates bool   // advertise-private-candidates, true
	TCPEnabled                 bool   // tcp.enabled: removed upstream in 2024, accepted for old files
	TCPPort                    int    // tcp.port, 443 in the removed upstream default
}

// HTTPServer is one of videobridge.http-servers.{public,private}; -1 is off.
type HTTPServer struct {
	Host                           string
	Port, TLSPort                  int
	KeyStorePath, KeyStorePassword string
}

// WebSockets holds videobridge.websockets.*.
type WebSockets struct {
	Enabled               bool     // false
	ServerID              string   // "default-id"
	Domains               []string // domains, or the older single "domain"
	RelayDomains          []string // default: Domains
	TLS                   *bool    // unset: follow the scheme the client used
	EnableCompression     bool     // true
	SendKeepalivePings    bool     // true
	KeepalivePingInterval time.Duration
	IdleTimeout           time.Duration
}

// Relay holds videobridge.relay.* (Octo).
type Relay struct {
	Enabled         bool
	Region, RelayID string
}

// RESTToggles are videobridge.rest.<api>.enabled.
type RESTToggles struct {
	Debug, Drain, Health, Prometheus, Shutdown, Version bool
}

// Shutdown holds videobridge.shutdown.*.
type Shutdown struct {
	GracefulMaxDuration     time.Duration // 24 h
	GracefulMinParticipants int           // 0
	ShuttingDownDelay       time.Duration // 1 minute
}

// LoadJVB reads jvb.conf at confPath and, when scPath names an existing
// file, the legacy sip-communicator.properties. A jvb.conf that only lacks
// closing braces at its end is repaired with warnings (see ParseHOCONRepair).
func LoadJVB(confPath, scPath string) (*JVB, error) {
	data, err := os.ReadFile(confPath)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	var props *Properties
	if scPath != "" {
		props, err = LoadProperties(scPath)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return ParseJVB(confPath, data, props)
}

// ParseJVB builds the bridge configuration from jvb.conf text and the
// (possibly nil) legacy properties. Wrong types and invalid values are
// *Error; unknown keys and repairs are in JVB.Warnings.
func ParseJVB(confName string, conf []byte, props *Properties) (*JVB, error) {
	d, err := ParseHOCONRepair(confName, conf)
	if err != nil {
		return nil, err
	}
	if props == nil {
		props = &Properties{File: "sip-communicator.properties", entries: map[string]propEntry{}}
	}
	c := &JVB{}
	c.Warnings = append(c.Warnings, d.Repairs...)
	c.Warnings = append(c.Warnings, d.relocateStray(jvbSchema.known)...)
	r := &reader{d: d}
	c.readAPIs(r)
	c.readICE(r)
	c.readHTTP(r)
	c.readWebSockets(r)
	c.readMisc(r)
	c.readHarvest(r)
	if r.err != nil {
		return nil, r.err
	}
	c.Warnings = append(c.Warnings, jvbSchema.check(d)...)
	if err := c.applyLegacy(props); err != nil {
		return nil, err
	}
	if err := c.validate(d, props); err != nil {
		return nil, err
	}
	return c, nil
}
