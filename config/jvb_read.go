package config

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Harvest holds the ice4j candidate-harvesting keys (ice4j.harvest.*; defaults
// from ice4j:src/main/resources/reference.conf as overridden by
// jvb:jvb/src/main/resources/application.conf).
type Harvest struct {
	StaticMappings       []StaticMapping
	AWSEnabled           bool     // mapping.aws.enabled, true (DISABLE_AWS_HARVESTER inverts)
	AWSForce             bool     // mapping.aws.force, false
	STUNAddresses        []string // mapping.stun.addresses, none ("host:port")
	UseIPv6              bool     // use-ipv6, true
	UseLinkLocal         bool     // use-link-local-addresses, false in jvb
	UDPReceiveBufferSize int      // udp.receive-buffer-size, 10485760 in jvb
}

// StaticMapping is a 1:1 NAT mapping: candidates on LocalAddress are also
// advertised with PublicAddress. Ports of 0 mean "the same port".
type StaticMapping struct {
	Name                        string
	LocalAddress, PublicAddress string
	LocalPort, PublicPort       int
}

const (
	defaultStatsInterval = 5 * time.Second
	defaultUDPPort       = 10000
	defaultXMPPPort      = 5222
	vb                   = "videobridge."
)

func (c *JVB) readAPIs(r *reader) {
	c.StatsInterval = r.dur(vb+"stats.interval", defaultStatsInterval)
	c.PresenceInterval = r.dur(vb+"apis.xmpp-client.presence-interval", c.StatsInterval)
	c.ColibriREST = r.bool(vb+"apis.rest.enabled", false)
	for _, id := range r.d.Keys(strings.TrimSuffix(xmppClientPrefix, ".")) {
		c.XMPPClients = append(c.XMPPClients, readXMPPClient(r, id))
	}
}

// readXMPPClient reads one configs entry; its keys are case-insensitive.
func readXMPPClient(r *reader, id string) XMPPClient {
	k := func(name string) string { return r.d.Fold(xmppClientPrefix + id + "." + name) }
	x := XMPPClient{
		ID:                             id,
		Hostname:                       r.str(k("hostname"), ""),
		Port:                           r.int(k("port"), defaultXMPPPort),
		Username:                       r.str(k("username"), ""),
		Password:                       r.str(k("password"), ""),
		MUCJIDs:                        r.strs(k("muc_jids"), nil),
		MUCNickname:                    r.str(k("muc_nickname"), ""),
		DisableCertificateVerification: r.bool(k("disable_certificate_verification"), false),
		IQHandlerMode:                  r.str(k("iq_handler_mode"), ""),
		SecurityMode:                   r.str(k("security_mode"), ""),
	}
	x.Domain = r.str(k("domain"), x.Hostname)
	return x
}

func (c *JVB) readICE(r *reader) {
	p := vb + "ice."
	c.ICE = ICE{
		UDPPort:                    r.int(p+"udp.port", defaultUDPPort),
		UfragPrefix:                r.str(p+"ufrag-prefix", ""),
		KeepAliveStrategy:          r.str(p+"keep-alive-strategy", "selected_only"),
		NominationStrategy:         r.str(p+"nomination-strategy", "NominateFirstHostOrReflexiveValid"),
		AdvertisePrivateCandidates: r.bool(p+"advertise-private-candidates", true),
		TCPEnabled:                 r.bool(p+"tcp.enabled", false),
		TCPPort:                    r.int(p+"tcp.port", 443),
	}
}

func (c *JVB) readHTTP(r *reader) {
	read := func(name, host string, port, tlsPort int) HTTPServer {
		p := vb + "http-servers." + name + "."
		return HTTPServer{
			Host:             r.str(p+"host", host),
			Port:             r.int(p+"port", port),
			TLSPort:          r.int(p+"tls-port", tlsPort),
			KeyStorePath:     r.str(p+"key-store-path", ""),
			KeyStorePassword: r.str(p+"key-store-password", ""),
		}
	}
	c.PublicHTTP = read("public", "", -1, -1)
	// jicoco:jicoco-jetty/src/main/resources/reference.conf: private port 8080, tls-port 8443.
	c.PrivateHTTP = read("private", "127.0.0.1", 8080, 8443)
}

func (c *JVB) readWebSockets(r *reader) {
	p := vb + "websockets."
	w := WebSockets{
		Enabled:               r.bool(p+"enabled", false),
		ServerID:              r.str(p+"server-id", "default-id"),
		Domains:               r.strs(p+"domains", nil),
		TLS:                   r.optBool(p + "tls"),
		EnableCompression:     r.bool(p+"enable-compression", true),
		SendKeepalivePings:    r.bool(p+"send-keepalive-pings", true),
		KeepalivePingInterval: r.dur(p+"keepalive-ping-interval", 15*time.Second),
		IdleTimeout:           r.dur(p+"idle-timeout", 60*time.Second),
	}
	if old := r.str(p+"domain", ""); old != "" && !slices.Contains(w.Domains, old) {
		w.Domains = append(w.Domains, old) // the older single-domain form
	}
	w.RelayDomains = r.strs(p+"relay-domains", nil)
	if len(w.RelayDomains) == 0 {
		w.RelayDomains = w.Domains
	}
	c.WebSockets = w
}

func (c *JVB) readMisc(r *reader) {
	c.SCTP = r.bool(vb+"sctp.enabled", true)
	c.Relay = Relay{
		Enabled: r.bool(vb+"relay.enabled", false),
		Region:  r.str(vb+"relay.region", ""),
		RelayID: r.str(vb+"relay.relay-id", ""),
	}
	c.Region = c.Relay.Region
	rest := func(api string, def bool) bool { return r.bool(vb+"rest."+api+".enabled", def) }
	c.REST = RESTToggles{Debug: rest("debug", true), Drain: rest("drain", true), Health: rest("health", true),
		Prometheus: rest("prometheus", true), Shutdown: rest("shutdown", false), Version: rest("version", true)}
	c.Shutdown = Shutdown{
		GracefulMaxDuration:     r.dur(vb+"shutdown.graceful-shutdown-max-duration", 24*time.Hour),
		GracefulMinParticipants: r.int(vb+"shutdown.graceful-shutdown-min-participants", 0),
		ShuttingDownDelay:       r.dur(vb+"shutdown.shutting-down-delay", time.Minute),
	}
	c.InitialDrainMode = r.bool(vb+"initial-drain-mode", false)
	c.VersionAnnounce = r.bool(vb+"version.announce", false)
	c.VersionRelease = r.str(vb+"version.release", "")
}

func (c *JVB) readHarvest(r *reader) {
	p := "ice4j.harvest."
	c.Harvest = Harvest{
		AWSEnabled:           r.bool(p+"mapping.aws.enabled", true),
		AWSForce:             r.bool(p+"mapping.aws.force", false),
		STUNAddresses:        r.strs(p+"mapping.stun.addresses", nil),
		UseIPv6:              r.bool(p+"use-ipv6", true),
		UseLinkLocal:         r.bool(p+"use-link-local-addresses", false),
		UDPReceiveBufferSize: r.int(p+"udp.receive-buffer-size", 10485760),
	}
	key := p + "mapping.static-mappings"
	for i := range r.d.Len(key) {
		e := key + "." + strconv.Itoa(i) + "."
		c.Harvest.StaticMappings = append(c.Harvest.StaticMappings, StaticMapping{
			Name:          r.str(e+"name", ""),
			LocalAddress:  r.str(e+"local-address", ""),
			PublicAddress: r.str(e+"public-address", ""),
			LocalPort:     r.int(e+"local-port", 0),
			PublicPort:    r.int(e+"public-port", 0),
		})
	}
}
