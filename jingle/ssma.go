package jingle

import "github.com/jitsi-go/jitsi-go/internal/xmlx"

// Source is <source xmlns="urn:xmpp:jingle:apps:rtp:ssma:0"> (XEP-0339) with
// Jitsi's source name, video type, msid parameter and owner.
type Source struct {
	SSRC       uint32      `xml:"ssrc,attr"`
	Name       string      `xml:"name,attr,omitempty"`
	VideoType  string      `xml:"videoType,attr,omitempty"`
	Parameters []Parameter `xml:"parameter"`
	Info       *SSRCInfo   `xml:"http://jitsi.org/jitmeet ssrc-info"`
	Extra      []xmlx.Raw  `xml:",any"`
}

// MSID returns the source's msid parameter, or "".
func (s Source) MSID() string {
	for _, p := range s.Parameters {
		if p.Name == "msid" {
			return p.Value
		}
	}
	return ""
}

// Owner returns the endpoint ID named by <ssrc-info owner>, or "".
func (s Source) Owner() string {
	if s.Info == nil {
		return ""
	}
	return s.Info.Owner
}

// SSRCInfo is <ssrc-info xmlns="http://jitsi.org/jitmeet" owner/>: which
// endpoint (MUC nick, or "jvb") a signalled SSRC belongs to.
type SSRCInfo struct {
	Owner string `xml:"owner,attr"`
}

// Semantics of SSRC groups Jitsi uses.
const (
	SemanticsSIM = "SIM" // simulcast encodings, lowest first
	SemanticsFID = "FID" // primary and its RTX
)

// SSRCGroup is <ssrc-group xmlns="urn:xmpp:jingle:apps:rtp:ssma:0" semantics>.
type SSRCGroup struct {
	Semantics string      `xml:"semantics,attr"`
	Sources   []SourceRef `xml:"urn:xmpp:jingle:apps:rtp:ssma:0 source"`
}

// SourceRef is a group member: <source ssrc/> inside an <ssrc-group>.
type SourceRef struct {
	SSRC uint32 `xml:"ssrc,attr"`
}

// SSRCs lists the group's members in order.
func (g SSRCGroup) SSRCs() []uint32 {
	out := make([]uint32, len(g.Sources))
	for i, s := range g.Sources {
		out[i] = s.SSRC
	}
	return out
}
