package jingle

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"mellium.im/xmpp/stanza"
)

// IQ is a whole Jingle IQ stanza: a set carrying <jingle/>, its empty result,
// or an error reply carrying <error/> (and sometimes the original payload).
type IQ struct {
	stanza.IQ
	Jingle *Jingle `xml:"urn:xmpp:jingle:1 jingle"`
	Error  *Error  `xml:"error"`
}

// DecodeIQ parses one IQ stanza. A result without payload decodes with both
// Jingle and Error nil; call Validate on Jingle for the protocol rules.
func DecodeIQ(data []byte) (*IQ, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		if start, ok := tok.(xml.StartElement); ok {
			return ReadIQ(d, start)
		}
	}
}

// ReadIQ decodes the IQ whose start element has just been read from d, as a
// mellium mux handler receives it.
func ReadIQ(d *xml.Decoder, start xml.StartElement) (*IQ, error) {
	if start.Name.Local != "iq" {
		return nil, fmt.Errorf("%w: <%s> is not an iq", ErrMalformed, start.Name.Local)
	}
	var iq IQ
	if err := d.DecodeElement(&iq, &start); err != nil {
		return nil, fmt.Errorf("%w: iq %q: %v", ErrMalformed, attrValue(start, "id"), err)
	}
	// encoding/xml does not fill the XMLName of an embedded struct.
	iq.XMLName = start.Name
	return &iq, nil
}

func attrValue(start xml.StartElement, name string) string {
	for _, a := range start.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// Encode writes the stanza as XML.
func (iq *IQ) Encode() ([]byte, error) {
	var buf bytes.Buffer
	if err := xml.NewEncoder(&buf).Encode(iq); err != nil {
		return nil, fmt.Errorf("jingle: encode iq %s: %w", iq.ID, err)
	}
	return buf.Bytes(), nil
}

// Payload returns the Jingle payload of a set IQ, or ErrNotJingleIQ.
func (iq *IQ) Payload() (*Jingle, error) {
	if iq.Jingle == nil {
		return nil, ErrNotJingleIQ
	}
	return iq.Jingle, nil
}

// NewSetIQ wraps j in an IQ of type set.
func NewSetIQ(header stanza.IQ, j *Jingle) *IQ {
	header.Type = stanza.SetIQ
	return &IQ{IQ: header, Jingle: j}
}

// Result returns the empty result reply to iq (to and from swapped).
func (iq *IQ) Result() *IQ {
	h := iq.IQ
	h.Type = stanza.ResultIQ
	h.To, h.From = iq.From, iq.To
	return &IQ{IQ: h}
}

// ErrorReply returns the error reply to iq carrying e (to and from swapped).
func (iq *IQ) ErrorReply(e Error) *IQ {
	h := iq.IQ
	h.Type = stanza.ErrorIQ
	h.To, h.From = iq.From, iq.To
	return &IQ{IQ: h, Error: &e}
}

// Err returns the reply's error (an Error value usable with errors.Is), or
// nil when the IQ is not an error.
func (iq *IQ) Err() error {
	if iq.Type != stanza.ErrorIQ {
		return nil
	}
	if iq.Error == nil {
		return Error{Condition: stanza.UndefinedCondition}
	}
	return *iq.Error
}

// MarshalXML implements xml.Marshaler: the header comes from
// stanza.IQ.StartElement, which omits an empty to or from.
func (iq IQ) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	start := iq.IQ.StartElement()
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if iq.Jingle != nil {
		if err := e.Encode(iq.Jingle); err != nil {
			return err
		}
	}
	if iq.Error != nil {
		if err := e.Encode(iq.Error); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}
