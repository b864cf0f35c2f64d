// Package jingle holds the Jingle (XEP-0166/0167/0176/0320/0339/0343) wire
// types as Jitsi speaks them: the session actions a focus exchanges with
// lib-jitsi-meet, and the RTP, ICE-UDP, DTLS and source elements that Colibri2
// reuses inside its own requests.
//
// The session payload is Jingle (jingle.go, content.go, description.go,
// group.go, bridgesession.go, reason.go), carried in an IQ (iq.go) whose
// error replies may hold a Jingle error condition (stanzaerror.go). Sources
// are modelled per owner and media type as EndpointSources and
// ConferenceSourceMap (sources.go), converted to and from Jingle contents
// (sourcesjingle.go) and jicofo's compact json-message form (jsonsources.go,
// jsondecode.go), and checked the way jicofo checks them (validate.go).
// Children this package does not model are kept verbatim (xmlx.Raw) and
// written back, so nothing a peer sends is lost in a decode→encode round trip.
package jingle

// Namespaces, exactly as Jitsi writes them.
const (
	NS        = "urn:xmpp:jingle:1"
	NSErrors  = "urn:xmpp:jingle:errors:1"
	NSRTP     = "urn:xmpp:jingle:apps:rtp:1"
	NSSSMA    = "urn:xmpp:jingle:apps:rtp:ssma:0"
	NSICEUDP  = "urn:xmpp:jingle:transports:ice-udp:1"
	NSDTLS    = "urn:xmpp:jingle:apps:dtls:0"
	NSRTCPFB  = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0"
	NSHdrExt  = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0"
	NSSCTP    = "urn:xmpp:jingle:transports:dtls-sctp:1"
	NSGroup   = "urn:xmpp:jingle:apps:grouping:0"
	NSJitMeet = "http://jitsi.org/jitmeet"
	NSColibri = "http://jitsi.org/protocol/colibri"
	NSFocus   = "http://jitsi.org/protocol/focus"

	NSStartMuted  = "http://jitsi.org/jitmeet/start-muted"
	NSColibri2    = "jitsi:colibri2"
	NSStanzaError = "urn:ietf:params:xml:ns:xmpp-stanzas"
)

// Empty is an element whose presence is its whole meaning (<rtcp-mux/>,
// <extmap-allow-mixed/>). A nil *Empty means absent.
type Empty struct{}

// Parameter is a <parameter name value/> of a payload type or a source
// (the source's msid travels this way). It takes its parent's namespace.
type Parameter struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}
