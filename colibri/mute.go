package colibri

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// MuteMedia says which media a mute IQ is about. Each has its own
// namespace; the element is <mute> in all three.
type MuteMedia string

// The media kinds of the mute IQs (jitsi-xmpp-extensions MuteIq.kt).
const (
	MuteAudio   MuteMedia = "audio"
	MuteVideo   MuteMedia = "video"
	MuteDesktop MuteMedia = "desktop"
)

// Namespace returns the media's mute namespace, or "" for an unknown kind.
func (m MuteMedia) Namespace() string {
	switch m {
	case MuteAudio:
		return NSMuteAudio
	case MuteVideo:
		return NSMuteVideo
	case MuteDesktop:
		return NSMuteDesktop
	}
	return ""
}

// MuteMediaOf returns the media kind of a mute namespace.
func MuteMediaOf(namespace string) (MuteMedia, bool) {
	for _, m := range []MuteMedia{MuteAudio, MuteVideo, MuteDesktop} {
		if m.Namespace() == namespace {
			return m, true
		}
	}
	return "", false
}

// Mute is <mute xmlns="http://jitsi.org/jitmeet/{audio,video,desktop}"
// jid actor>true|false</mute>. A moderator sends it to the focus with jid
// naming the target occupant; the focus forwards it to the target with
// actor naming the moderator.
type Mute struct {
	Media MuteMedia
	JID   string // target occupant JID (room@conference/nick)
	Actor string // who asked, in the forwarded IQ
	Mute  bool
	Extra []xmlx.Raw
}

// payloadName returns the element name the mute encodes as.
func (m Mute) payloadName() xml.Name {
	return xml.Name{Space: m.Media.Namespace(), Local: "mute"}
}

// MarshalXML implements xml.Marshaler.
func (m Mute) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	if m.Media.Namespace() == "" {
		return fmt.Errorf("%w: mute media %q", ErrInvalidValue, m.Media)
	}
	start := xml.StartElement{Name: m.payloadName()}
	if m.JID != "" {
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "jid"}, Value: m.JID})
	}
	if m.Actor != "" {
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "actor"}, Value: m.Actor})
	}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.CharData(strconv.FormatBool(m.Mute))); err != nil {
		return err
	}
	for _, x := range m.Extra {
		if err := e.Encode(x); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// UnmarshalXML implements xml.Unmarshaler. The text is read as Java's
// Boolean.parseBoolean does: "true" in any case is true, anything else false.
func (m *Mute) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	media, ok := MuteMediaOf(start.Name.Space)
	if !ok || start.Name.Local != "mute" {
		return fmt.Errorf("%w: <%s xmlns=%q>, want a mute IQ", ErrUnexpectedElement, start.Name.Local, start.Name.Space)
	}
	*m = Mute{Media: media, JID: attrValue(start, "jid"), Actor: attrValue(start, "actor")}
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			var r xmlx.Raw
			if err := d.DecodeElement(&r, &t); err != nil {
				return err
			}
			m.Extra = append(m.Extra, r)
		case xml.EndElement:
			m.Mute = strings.EqualFold(strings.TrimSpace(text.String()), "true")
			return nil
		}
	}
}

// Forward returns the IQ payload the focus sends to the muted occupant:
// the same mute with actor set.
func (m Mute) Forward(actor string) *Mute {
	f := m
	f.Actor = actor
	f.Extra = nil
	return &f
}
