package jingle

import "github.com/jitsi-go/jitsi-go/internal/xmlx"

// PayloadType is <payload-type xmlns="urn:xmpp:jingle:apps:rtp:1"> (XEP-0167),
// used in Jingle descriptions and in Colibri2 <media>.
type PayloadType struct {
	ID         uint8          `xml:"id,attr"`
	Name       string         `xml:"name,attr,omitempty"`
	Clockrate  uint32         `xml:"clockrate,attr,omitempty"`
	Channels   uint8          `xml:"channels,attr,omitempty"`
	MaxPTime   uint16         `xml:"maxptime,attr,omitempty"`
	PTime      uint16         `xml:"ptime,attr,omitempty"`
	Parameters []Parameter    `xml:"parameter"`
	RTCPFB     []RTCPFeedback `xml:"urn:xmpp:jingle:apps:rtp:rtcp-fb:0 rtcp-fb"`
	// Extra keeps children this package does not model (rtcp-fb-trr-int,
	// future extensions) so they survive a decode→encode round trip.
	Extra []xmlx.Raw `xml:",any"`
}

// Param returns the value of the named format parameter and whether it is set.
func (p PayloadType) Param(name string) (string, bool) {
	for _, prm := range p.Parameters {
		if prm.Name == name {
			return prm.Value, true
		}
	}
	return "", false
}

// RTCPFeedback is <rtcp-fb xmlns="urn:xmpp:jingle:apps:rtp:rtcp-fb:0"> (XEP-0293):
// type "nack" with subtype "pli", "ccm" with "fir", "transport-cc", "goog-remb".
type RTCPFeedback struct {
	Type    string `xml:"type,attr"`
	Subtype string `xml:"subtype,attr,omitempty"`
}

// HdrExt is <rtp-hdrext xmlns="urn:xmpp:jingle:apps:rtp:rtp-hdrext:0"> (XEP-0294).
type HdrExt struct {
	ID      uint16 `xml:"id,attr"`
	URI     string `xml:"uri,attr"`
	Senders string `xml:"senders,attr,omitempty"`
}

// Header extension URIs the focus and the bridge negotiate.
const (
	ExtAudioLevel    = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
	ExtMID           = "urn:ietf:params:rtp-hdrext:sdes:mid"
	ExtTransportCC   = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
	ExtAbsSendTime   = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"
	ExtAV1Dependency = "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension"
	ExtVideoContent  = "http://www.webrtc.org/experiments/rtp-hdrext/video-content-type"
)
