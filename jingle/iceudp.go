package jingle

import (
	"encoding/xml"
	"strconv"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// ICEUDPTransport is <transport xmlns="urn:xmpp:jingle:transports:ice-udp:1">
// (XEP-0176) with Jitsi's additions: the DTLS fingerprint (XEP-0320), the
// colibri web-socket URL, and the SCTP map of a data content. Colibri2 nests
// the same element inside its own <transport>.
type ICEUDPTransport struct {
	Ufrag         string        `xml:"ufrag,attr,omitempty"`
	Pwd           string        `xml:"pwd,attr,omitempty"`
	ICEGeneration string        `xml:"ice-generation,attr,omitempty"`
	RTCPMux       *Empty        `xml:"urn:xmpp:jingle:transports:ice-udp:1 rtcp-mux"`
	Fingerprints  []Fingerprint `xml:"urn:xmpp:jingle:apps:dtls:0 fingerprint"`
	Candidates    []Candidate   `xml:"urn:xmpp:jingle:transports:ice-udp:1 candidate"`
	WebSockets    []WebSocket   `xml:"http://jitsi.org/protocol/colibri web-socket"`
	SCTPMap       *SCTPMap      `xml:"urn:xmpp:jingle:transports:dtls-sctp:1 sctpmap"`
	Extra         []xmlx.Raw    `xml:",any"`
}

// Fingerprint is <fingerprint xmlns="urn:xmpp:jingle:apps:dtls:0"> (XEP-0320):
// the certificate hash in its text, the hash function, and the DTLS role
// ("actpass", "active", "passive").
type Fingerprint struct {
	Hash    string `xml:"hash,attr"`
	Setup   string `xml:"setup,attr,omitempty"`
	Cryptex bool   `xml:"cryptex,attr,omitempty"`
	Value   string `xml:",chardata"`
}

// Candidate is an ICE <candidate/> (XEP-0176). Generation, network and
// component are always written, as Jitsi does.
type Candidate struct {
	Component  int    `xml:"component,attr"`
	Foundation string `xml:"foundation,attr"`
	Generation int    `xml:"generation,attr"`
	ID         string `xml:"id,attr,omitempty"`
	IP         string `xml:"ip,attr"`
	Network    int    `xml:"network,attr"`
	Port       int    `xml:"port,attr"`
	Priority   uint32 `xml:"priority,attr"`
	Protocol   string `xml:"protocol,attr"`
	Type       string `xml:"type,attr"`
	RelAddr    string `xml:"rel-addr,attr,omitempty"`
	RelPort    int    `xml:"rel-port,attr,omitempty"`
	TCPType    string `xml:"tcptype,attr,omitempty"`
}

// WebSocket is <web-socket xmlns="http://jitsi.org/protocol/colibri" url/>: the
// bridge channel's colibri websocket URL.
type WebSocket struct {
	URL    string `xml:"url,attr"`
	Active *bool  `xml:"active,attr,omitempty"`
}

// SCTPMap is <sctpmap xmlns="urn:xmpp:jingle:transports:dtls-sctp:1"/> of a
// data content.
type SCTPMap struct {
	Number   uint16 `xml:"number,attr"`
	Protocol string `xml:"protocol,attr"`
	Streams  int    `xml:"streams,attr,omitempty"`
}

// MarshalXML writes the sctpmap with its streams attribute always present, as
// both jicofo (streams="1024") and lib-jitsi-meet (streams="0") do.
func (m SCTPMap) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = []xml.Attr{
		{Name: xml.Name{Local: "number"}, Value: strconv.FormatUint(uint64(m.Number), 10)},
		{Name: xml.Name{Local: "protocol"}, Value: m.Protocol},
		{Name: xml.Name{Local: "streams"}, Value: strconv.Itoa(m.Streams)},
	}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}
