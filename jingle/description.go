package jingle

import (
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// Media types of an RTP description.
const (
	MediaAudio       = "audio"
	MediaVideo       = "video"
	MediaApplication = "application"
)

// Description is <description xmlns="urn:xmpp:jingle:apps:rtp:1"> (XEP-0167)
// as Jitsi fills it: payload types, SSMA sources and groups (XEP-0339),
// rtcp-mux, description-level rtcp-fb (XEP-0293 "a=rtcp-fb:*"), header
// extensions and extmap-allow-mixed (XEP-0294). The data content carries an
// empty description with media "application".
type Description struct {
	Media string `xml:"media,attr,omitempty"`
	// SSRC is the legacy description-level ssrc attribute, kept verbatim.
	SSRC     string `xml:"ssrc,attr,omitempty"`
	MaxPTime uint16 `xml:"maxptime,attr,omitempty"`

	PayloadTypes     []PayloadType  `xml:"urn:xmpp:jingle:apps:rtp:1 payload-type"`
	Sources          []Source       `xml:"urn:xmpp:jingle:apps:rtp:ssma:0 source"`
	SSRCGroups       []SSRCGroup    `xml:"urn:xmpp:jingle:apps:rtp:ssma:0 ssrc-group"`
	RTCPMux          *Empty         `xml:"urn:xmpp:jingle:apps:rtp:1 rtcp-mux"`
	RTCPFB           []RTCPFeedback `xml:"urn:xmpp:jingle:apps:rtp:rtcp-fb:0 rtcp-fb"`
	HdrExts          []HdrExt       `xml:"urn:xmpp:jingle:apps:rtp:rtp-hdrext:0 rtp-hdrext"`
	ExtmapAllowMixed *Empty         `xml:"urn:xmpp:jingle:apps:rtp:rtp-hdrext:0 extmap-allow-mixed"`
	Extra            []xmlx.Raw     `xml:",any"`
}

// PayloadType returns the payload type with the given ID, or nil.
func (d *Description) PayloadType(id uint8) *PayloadType {
	for i := range d.PayloadTypes {
		if d.PayloadTypes[i].ID == id {
			return &d.PayloadTypes[i]
		}
	}
	return nil
}

// PayloadTypeByName returns the first payload type whose encoding name matches
// (case-insensitively, as SDP does), or nil.
func (d *Description) PayloadTypeByName(name string) *PayloadType {
	for i := range d.PayloadTypes {
		if strings.EqualFold(d.PayloadTypes[i].Name, name) {
			return &d.PayloadTypes[i]
		}
	}
	return nil
}

// HdrExt returns the header extension with the given URI, or nil.
func (d *Description) HdrExt(uri string) *HdrExt {
	for i := range d.HdrExts {
		if d.HdrExts[i].URI == uri {
			return &d.HdrExts[i]
		}
	}
	return nil
}
