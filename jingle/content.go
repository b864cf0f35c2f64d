package jingle

import "github.com/jitsi-go/jitsi-go/internal/xmlx"

// Creator is the creator attribute of a content.
type Creator string

// Creators defined by XEP-0166.
const (
	CreatorInitiator Creator = "initiator"
	CreatorResponder Creator = "responder"
)

// Senders is the senders attribute of a content: who sends media in it.
type Senders string

// Senders values. SendersRejected is lib-jitsi-meet's marker for an m-line
// with port 0 (a rejected section); it is not in XEP-0166.
const (
	SendersBoth      Senders = "both"
	SendersInitiator Senders = "initiator"
	SendersResponder Senders = "responder"
	SendersNone      Senders = "none"
	SendersRejected  Senders = "rejected"
)

// Content names Jitsi uses for the JVB session (lib-jitsi-meet maps the SDP
// "application" m-line to "data").
const (
	ContentAudio = "audio"
	ContentVideo = "video"
	ContentData  = "data"
)

// Content is a <content/> of a Jingle payload: one RTP description (or the
// data channel's), its transport, and lib-jitsi-meet's initial-last-n.
type Content struct {
	Creator     Creator `xml:"creator,attr,omitempty"`
	Name        string  `xml:"name,attr"`
	Senders     Senders `xml:"senders,attr,omitempty"`
	Disposition string  `xml:"disposition,attr,omitempty"`

	Description *Description     `xml:"urn:xmpp:jingle:apps:rtp:1 description"`
	Transport   *ICEUDPTransport `xml:"urn:xmpp:jingle:transports:ice-udp:1 transport"`
	// InitialLastN is sent by the client in the video content of a
	// session-accept when channelLastN is configured; the focus forwards it
	// to the bridge.
	InitialLastN *InitialLastN `xml:"jitsi:colibri2 initial-last-n"`
	Extra        []xmlx.Raw    `xml:",any"`
}

// InitialLastN is <initial-last-n xmlns="jitsi:colibri2" value="N"/>.
type InitialLastN struct {
	Value int `xml:"value,attr"`
}

// Media returns the content's media type: the description's media attribute,
// or the content name when there is no description (jicofo's rule).
func (c *Content) Media() string {
	if c.Description != nil && c.Description.Media != "" {
		return c.Description.Media
	}
	return c.Name
}

// NewContent returns an initiator content that both sides send in, as jicofo
// offers every content.
func NewContent(name string, d *Description, t *ICEUDPTransport) Content {
	return Content{Creator: CreatorInitiator, Name: name, Senders: SendersBoth, Description: d, Transport: t}
}
