package colibri

import (
	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// SCTP roles.
const (
	SCTPRoleClient = "client"
	SCTPRoleServer = "server"
	// SCTPPort is the only SCTP port a bridge uses for endpoints.
	SCTPPort = 5000
)

// Transport is a Colibri2 <transport> (jitsi-xmpp-extensions Transport):
// in a request, the ICE role and options the focus asks for and the
// remote party's ICE-UDP transport; in a reply, the bridge's own ICE-UDP
// transport (ufrag, pwd, fingerprint, candidates, web-socket) and SCTP port.
type Transport struct {
	ICEControlling bool `xml:"ice-controlling,attr,omitempty"`
	UseUniquePort  bool `xml:"use-unique-port,attr,omitempty"`
	// ICERestart asks the bridge for an in-place ICE restart; the reply's
	// ICE-UDP transport then carries an ice-generation.
	ICERestart bool                    `xml:"ice-restart,attr,omitempty"`
	ICEUDP     *jingle.ICEUDPTransport `xml:"urn:xmpp:jingle:transports:ice-udp:1 transport"`
	SCTP       *SCTP                   `xml:"sctp"`
	Extra      []xmlx.Raw              `xml:",any"`
}

// SCTP is <sctp port role/>: in a request, that the data channel is wanted
// (and for relays, in which role); in a reply, the bridge's SCTP port.
type SCTP struct {
	Port int    `xml:"port,attr,omitempty"`
	Role string `xml:"role,attr,omitempty"`
}

// Fingerprint returns the first DTLS fingerprint of the ICE-UDP transport,
// or nil.
func (t *Transport) Fingerprint() *jingle.Fingerprint {
	if t == nil || t.ICEUDP == nil || len(t.ICEUDP.Fingerprints) == 0 {
		return nil
	}
	return &t.ICEUDP.Fingerprints[0]
}

// WebSocketURL returns the first colibri web-socket URL of the ICE-UDP
// transport, or "".
func (t *Transport) WebSocketURL() string {
	if t == nil || t.ICEUDP == nil || len(t.ICEUDP.WebSockets) == 0 {
		return ""
	}
	return t.ICEUDP.WebSockets[0].URL
}
