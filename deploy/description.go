package deploy

import "net/netip"

// Role is what a guest runs: one component per guest, as in the guide.
type Role string

// The four roles.
const (
	RoleWeb    Role = "web"    // nginx + jitsi-meet static files
	RoleXMPP   Role = "xmpp"   // xmppd or prosody
	RoleFocus  Role = "focus"  // our focus, rc.d name jicofo
	RoleBridge Role = "bridge" // our bridge, rc.d name jvb
)

// XMPP server choices.
const (
	ServerXMPPD   = "xmppd"
	ServerProsody = "prosody"
)

// Generate is the secret value that asks for a random secret.
const Generate = "generate"

// Description is the content of a deployment description file; see
// docs/openbsd.md and testdata/guide.conf for the file form.
type Description struct {
	Domain            string
	Host              Host
	XMPPServer        string // ServerXMPPD or ServerProsody
	BridgeUDPPorts    PortRange
	SCTP              bool // written to both jicofo.conf and jvb.conf
	ColibriWebsockets bool // bridge channel over /colibri-ws/ via nginx
	Secrets           Secrets
	TLS               TLS
	STUNServers       []string // config.js p2p.stunServers
	Guests            []Guest  // in description order
	lines             func(key string) int
}

// Host describes the vmd host.
type Host struct {
	PublicAddress netip.Addr     // what clients reach; NAT public address of every bridge
	Egress        string         // interface or group of the uplink; default "egress"
	Resolver      netip.Addr     // DNS server the guests' queries are redirected to
	Admin         []netip.Prefix // may ssh to host and guests, reach xmpp debug ports
	Monitor       []netip.Prefix // may reach the REST/metrics ports of focus and bridges
}

// Guest is one vmd guest.
type Guest struct {
	Name    string // vm name, hostname, pf macro
	Role    Role
	Memory  string // with unit, e.g. "2G"
	Disk    string // absolute path; format from the extension (.qcow2 or raw)
	ID      int    // fixed vmd ID, 0 for the next free one
	UDPPort int    // bridges: fixed public and local UDP port, 0 for the next in BridgeUDPPorts
	field   string // "guests[i]" for messages
}

// PortRange is an inclusive UDP port range.
type PortRange struct {
	First, Last int
}

// Secrets are the shared passwords; Generate asks for random ones.
type Secrets struct {
	Focus string // focus@auth.D password, in jicofo.conf and the XMPP server
	JVB   string // jvb@auth.D password, in jvb.conf and the XMPP server
}

// TLS choices.
type TLS struct {
	// Web is "acme" (acme-client paths under /etc/ssl) or "files".
	Web         string
	Certificate string // Web == "files": PEM chain for nginx
	Key         string // Web == "files": PEM key for nginx
	// XMPP makes focus and bridges use STARTTLS on c2s 5222 (use-tls).
	XMPP bool
}

// Count returns the number of guests with role r.
func (d *Description) Count(r Role) int {
	n := 0
	for _, g := range d.Guests {
		if g.Role == r {
			n++
		}
	}
	return n
}
