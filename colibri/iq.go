package colibri

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/stanza"
)

// IQ is an iq stanza carrying one payload of type P (a *ConferenceModify, a
// *Conference, a *Mute …). The envelope is mellium's stanza.IQ; an iq of type
// "error" carries the stanza error in Error. Children after the payload are
// kept in Extra.
//
// The first child that is not <error/> is decoded into Payload; a payload of
// the wrong name or namespace is a decode error.
type IQ[P any] struct {
	stanza.IQ
	Payload *P
	Error   *Error
	Extra   []xmlx.Raw
}

// Aliases for the IQs this package defines.
type (
	ConferenceModifyIQ   = IQ[ConferenceModify]
	ConferenceModifiedIQ = IQ[ConferenceModified]
	ConferenceIQ         = IQ[Conference]
	HealthCheckIQ        = IQ[HealthCheck]
	MuteIQ               = IQ[Mute]
)

// NewIQ returns an iq of the given type (get, set, result) in the
// jabber:client namespace carrying payload (which may be nil).
func NewIQ[P any](typ stanza.IQType, id string, payload *P) IQ[P] {
	return IQ[P]{
		IQ:      stanza.IQ{XMLName: xml.Name{Space: NSClient, Local: "iq"}, ID: id, Type: typ},
		Payload: payload,
	}
}

// Err returns the stanza error of an iq of type "error" as a *Error (nil
// for other types). An error iq without an <error/> child yields an
// undefined-condition error.
func (iq IQ[P]) Err() error {
	if iq.Type != stanza.ErrorIQ {
		return nil
	}
	if iq.Error == nil {
		return &Error{Stanza: stanza.Error{Condition: stanza.UndefinedCondition}}
	}
	return iq.Error
}

// DecodeIQ decodes one iq stanza carrying a P.
func DecodeIQ[P any](data []byte) (IQ[P], error) {
	var iq IQ[P]
	if err := xml.Unmarshal(data, &iq); err != nil {
		return IQ[P]{}, err
	}
	return iq, nil
}

// Marshal encodes v (an IQ, a Presence or any payload) to XML.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MarshalXML implements xml.Marshaler.
func (iq IQ[P]) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	start := iq.IQ.StartElement()
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if iq.Payload != nil {
		if err := e.Encode(iq.Payload); err != nil {
			return err
		}
	}
	if iq.Error != nil {
		if err := e.Encode(iq.Error); err != nil {
			return err
		}
	}
	for _, x := range iq.Extra {
		if err := e.Encode(x); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// UnmarshalXML implements xml.Unmarshaler.
func (iq *IQ[P]) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if start.Name.Local != "iq" {
		return fmt.Errorf("%w: <%s>, want <iq>", ErrUnexpectedElement, start.Name.Local)
	}
	hdr, err := stanza.NewIQ(start)
	if err == nil {
		err = stableJIDs(hdr.To, hdr.From)
	}
	if err != nil {
		return fmt.Errorf("%w: iq: %v", ErrStanza, err)
	}
	*iq = IQ[P]{IQ: hdr}
	return eachChild(d, func(child xml.StartElement) error {
		return iq.decodeChild(d, start.Name.Space, child)
	})
}

func (iq *IQ[P]) decodeChild(d *xml.Decoder, space string, child xml.StartElement) error {
	switch {
	case isStanzaError(child, space) && iq.Error == nil:
		iq.Error = new(Error)
		if err := d.DecodeElement(iq.Error, &child); err != nil {
			return fmt.Errorf("iq id=%q: %w", iq.ID, err)
		}
	case iq.Payload == nil && !isStanzaError(child, space):
		iq.Payload = new(P)
		if err := d.DecodeElement(iq.Payload, &child); err != nil {
			return fmt.Errorf("iq id=%q: <%s>: %w", iq.ID, child.Name.Local, err)
		}
	default:
		var r xmlx.Raw
		if err := d.DecodeElement(&r, &child); err != nil {
			return err
		}
		iq.Extra = append(iq.Extra, r)
	}
	return nil
}

// isStanzaError reports whether child is the stanza's <error/>: it has the
// stanza's own namespace (jabber:client on a client stream).
func isStanzaError(child xml.StartElement, space string) bool {
	return child.Name.Local == "error" && (child.Name.Space == space || child.Name.Space == "")
}

// eachChild calls fn for every child element of the element just opened,
// until its end. fn must consume the child it is given.
func eachChild(d *xml.Decoder, fn func(xml.StartElement) error) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}
