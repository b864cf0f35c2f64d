package colibri

import (
	"encoding/xml"
	"fmt"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/stanza"
)

// Presence is a presence stanza as the brewery and conference rooms carry
// it, with the extensions this package knows decoded: a bridge's <stats/>,
// and the focus's conference-properties, bridgeNotAvailable and versions.
// Every other child (MUC <x/>, caps, etherpad, nick …) is kept verbatim in
// Extra, in document order, so a router or re-sender passes it through.
type Presence struct {
	stanza.Presence
	Stats                *Stats
	ConferenceProperties *ConferenceProperties
	BridgeNotAvailable   *BridgeNotAvailable
	Versions             *Versions
	Extra                []xmlx.Raw
}

// NewPresence returns an available presence in jabber:client.
func NewPresence() Presence {
	return Presence{Presence: stanza.Presence{XMLName: xml.Name{Space: NSClient, Local: "presence"}}}
}

// DecodePresence decodes one presence stanza.
func DecodePresence(data []byte) (Presence, error) {
	var p Presence
	if err := xml.Unmarshal(data, &p); err != nil {
		return Presence{}, err
	}
	return p, nil
}

// MarshalXML implements xml.Marshaler. Known extensions come first, then
// Extra in its original order.
func (p Presence) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	start := p.Presence.StartElement()
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := p.encodeKnown(e); err != nil {
		return err
	}
	for _, x := range p.Extra {
		if err := e.Encode(x); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// encodeKnown writes the decoded extensions that are set.
func (p Presence) encodeKnown(e *xml.Encoder) error {
	var known []any
	if p.Stats != nil {
		known = append(known, p.Stats)
	}
	if p.ConferenceProperties != nil {
		known = append(known, p.ConferenceProperties)
	}
	if p.BridgeNotAvailable != nil {
		known = append(known, p.BridgeNotAvailable)
	}
	if p.Versions != nil {
		known = append(known, p.Versions)
	}
	for _, v := range known {
		if err := e.Encode(v); err != nil {
			return err
		}
	}
	return nil
}

// UnmarshalXML implements xml.Unmarshaler.
func (p *Presence) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if start.Name.Local != "presence" {
		return fmt.Errorf("%w: <%s>, want <presence>", ErrUnexpectedElement, start.Name.Local)
	}
	hdr, err := stanza.NewPresence(start)
	if err == nil {
		err = stableJIDs(hdr.To, hdr.From)
	}
	if err != nil {
		return fmt.Errorf("%w: presence: %v", ErrStanza, err)
	}
	*p = Presence{Presence: hdr}
	return eachChild(d, func(child xml.StartElement) error {
		return p.decodeChild(d, child)
	})
}

func (p *Presence) decodeChild(d *xml.Decoder, child xml.StartElement) error {
	var target any
	switch child.Name {
	case xml.Name{Space: NSColibri, Local: "stats"}:
		if p.Stats == nil {
			p.Stats = new(Stats)
			target = p.Stats
		}
	case xml.Name{Space: NSFocus, Local: "conference-properties"}:
		if p.ConferenceProperties == nil {
			p.ConferenceProperties = new(ConferenceProperties)
			target = p.ConferenceProperties
		}
	case xml.Name{Space: NSFocus, Local: "bridgeNotAvailable"}:
		if p.BridgeNotAvailable == nil {
			p.BridgeNotAvailable = new(BridgeNotAvailable)
			target = p.BridgeNotAvailable
		}
	case xml.Name{Space: NSJitMeet, Local: "versions"}:
		if p.Versions == nil {
			p.Versions = new(Versions)
			target = p.Versions
		}
	}
	if target == nil {
		var r xmlx.Raw
		if err := d.DecodeElement(&r, &child); err != nil {
			return err
		}
		p.Extra = append(p.Extra, r)
		return nil
	}
	if err := d.DecodeElement(target, &child); err != nil {
		return fmt.Errorf("presence from=%s: <%s>: %w", p.From, child.Name.Local, err)
	}
	return nil
}
