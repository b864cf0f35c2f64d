package colibri

import (
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// Media types of Colibri2 <media> and <media-source>.
const (
	MediaAudio = "audio"
	MediaVideo = "video"
)

// Media is a Colibri2 <media type> (jitsi-xmpp-extensions Media): the codecs
// and header extensions the focus negotiated for one media type, written
// with the Jingle RTP elements. Media-level <rtcp-fb/> apply to every
// payload type.
type Media struct {
	Type             string                `xml:"type,attr"`
	PayloadTypes     []jingle.PayloadType  `xml:"urn:xmpp:jingle:apps:rtp:1 payload-type"`
	HdrExts          []jingle.HdrExt       `xml:"urn:xmpp:jingle:apps:rtp:rtp-hdrext:0 rtp-hdrext"`
	ExtmapAllowMixed *jingle.Empty         `xml:"urn:xmpp:jingle:apps:rtp:rtp-hdrext:0 extmap-allow-mixed"`
	RTCPFB           []jingle.RTCPFeedback `xml:"urn:xmpp:jingle:apps:rtp:rtcp-fb:0 rtcp-fb"`
	Extra            []xmlx.Raw            `xml:",any"`
}

// PayloadType returns the first payload type with that encoding name
// (case-insensitive, "VP8", "opus", "rtx"…), or nil.
func (m *Media) PayloadType(name string) *jingle.PayloadType {
	for i := range m.PayloadTypes {
		if strings.EqualFold(m.PayloadTypes[i].Name, name) {
			return &m.PayloadTypes[i]
		}
	}
	return nil
}

// PayloadTypeByID returns the payload type with that number, or nil.
func (m *Media) PayloadTypeByID(id uint8) *jingle.PayloadType {
	for i := range m.PayloadTypes {
		if m.PayloadTypes[i].ID == id {
			return &m.PayloadTypes[i]
		}
	}
	return nil
}

// HdrExt returns the header extension with that URI, or nil.
func (m *Media) HdrExt(uri string) *jingle.HdrExt {
	for i := range m.HdrExts {
		if m.HdrExts[i].URI == uri {
			return &m.HdrExts[i]
		}
	}
	return nil
}

func findMedia(ms []Media, typ string) *Media {
	for i := range ms {
		if ms[i].Type == typ {
			return &ms[i]
		}
	}
	return nil
}
