package e2e

import (
	"fmt"
	"testing"
)

// Server names the XMPP server of a deployment: stock prosody or our xmppd.
type Server string

// Prosody is stock prosody 0.12 from Debian with a config the harness writes.
const Prosody Server = "prosody"

// Servers lists the XMPP servers every scenario runs against.
var Servers = []Server{Prosody, Xmppd}

// Transport is how lib-jitsi-meet reaches the XMPP server.
type Transport string

// The transports a stock client can use.
const (
	WebSocket Transport = "websocket" // RFC 7395 at /xmpp-websocket
	BOSH      Transport = "bosh"      // XEP-0206 at /http-bind
)

// Transports lists every transport, for scenarios that run over each.
var Transports = []Transport{WebSocket, BOSH}

// Ports are the loopback ports of the XMPP server; zero means "pick a free one".
type Ports struct {
	C2S, HTTP, Component int
}

// Deployment describes the system under test: which XMPP server, its domain
// and ports, and the secrets the focus and bridge log in with.
type Deployment struct {
	Server Server
	Domain string
	Ports  Ports
	// FocusSecret is the XEP-0114 secret of the focus.<Domain> component.
	FocusSecret string
	// FocusPassword and JVBPassword are the accounts focus@auth.<Domain> and
	// jvb@auth.<Domain> (registered at start).
	FocusPassword, JVBPassword string
}

// NewDeployment returns the default deployment on server: meet.e2e.test with
// free ports.
func NewDeployment(server Server) Deployment {
	return Deployment{Server: server, Domain: "meet.e2e.test", FocusSecret: "focus-component-secret",
		FocusPassword: "focus-password", JVBPassword: "jvb-password"}
}

// AuthDomain is the host of the focus and jvb accounts.
func (d Deployment) AuthDomain() string { return "auth." + d.Domain }

// MUC is the conference MUC host.
func (d Deployment) MUC() string { return "conference." + d.Domain }

// Focus is the address clients send the conference request to.
func (d Deployment) Focus() string { return "focus." + d.Domain }

// RoomJID is the bare JID of room on the conference MUC.
func (d Deployment) RoomJID(room string) string { return room + "@" + d.MUC() }

// ComponentAddr is the XEP-0114 listener.
func (d Deployment) ComponentAddr() string { return fmt.Sprintf("127.0.0.1:%d", d.Ports.Component) }

// ServiceURL is the serviceUrl lib-jitsi-meet connects to over tr.
func (d Deployment) ServiceURL(tr Transport) string {
	if tr == BOSH {
		return fmt.Sprintf("http://127.0.0.1:%d/http-bind", d.Ports.HTTP)
	}
	return fmt.Sprintf("ws://127.0.0.1:%d/xmpp-websocket", d.Ports.HTTP)
}

// ForEachServerAndTransport runs fn as a subtest server/transport for every
// server in Servers over every transport in Transports.
func ForEachServerAndTransport(t *testing.T, fn func(t *testing.T, d Deployment, tr Transport)) {
	for _, s := range Servers {
		for _, tr := range Transports {
			t.Run(string(s)+"/"+string(tr), func(t *testing.T) { fn(t, NewDeployment(s), tr) })
		}
	}
}

// XMPPServer is the running XMPP server of a deployment.
type XMPPServer struct {
	// Deployment has the ports resolved.
	Deployment Deployment
	register   func(t testing.TB, user, host, password string)
}

// Register adds an account while the server runs.
func (x *XMPPServer) Register(t testing.TB, user, host, password string) {
	t.Helper()
	x.register(t, user, host, password)
}

// StartXMPP starts the XMPP server d names, with the focus and jvb accounts
// registered; it is stopped by PID at cleanup.
func StartXMPP(t testing.TB, d Deployment) *XMPPServer {
	t.Helper()
	switch d.Server {
	case Prosody:
		return StartProsody(t, d)
	case Xmppd:
		return StartXmppd(t, d)
	default:
		t.Fatalf("e2e: unknown XMPP server %q", d.Server)
		return nil
	}
}
