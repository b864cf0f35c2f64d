// Package xmlx holds small XML helpers shared by the wire packages: an element
// kept verbatim for pass-through and a namespace-aware comparison for tests.
package xmlx

import (
	"encoding/xml"
	"errors"
	"fmt"
)

// ErrUnbalanced is returned when an element kept by Raw does not close.
var ErrUnbalanced = errors.New("xmlx: element not closed")

// Raw is an XML element that a wire type does not understand but must carry
// through a decode→encode round trip unchanged (Jitsi extends presence and
// Jingle with elements of its own). The element and its children are kept as
// namespace-resolved tokens, so re-encoding never depends on prefixes that
// were declared on an ancestor.
type Raw struct {
	Tokens []xml.Token
}

// Name reports the element's qualified name.
func (r Raw) Name() xml.Name {
	if len(r.Tokens) == 0 {
		return xml.Name{}
	}
	if se, ok := r.Tokens[0].(xml.StartElement); ok {
		return se.Name
	}
	return xml.Name{}
}

// UnmarshalXML implements xml.Unmarshaler.
func (r *Raw) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	r.Tokens = append(r.Tokens[:0], cleanStart(start))
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("%w: <%s>: %v", ErrUnbalanced, start.Name.Local, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			r.Tokens = append(r.Tokens, cleanStart(t))
		case xml.EndElement:
			depth--
			r.Tokens = append(r.Tokens, t)
		case xml.CharData:
			r.Tokens = append(r.Tokens, t.Copy())
		}
	}
	return nil
}

// MarshalXML implements xml.Marshaler.
func (r Raw) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	for _, t := range r.Tokens {
		if err := e.EncodeToken(t); err != nil {
			return err
		}
	}
	return nil
}

// cleanStart copies a start element and drops namespace declarations: the
// decoder has already resolved every name, and the encoder declares what it
// needs again.
func cleanStart(se xml.StartElement) xml.StartElement {
	out := xml.StartElement{Name: se.Name}
	for _, a := range se.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		out.Attr = append(out.Attr, a)
	}
	return out
}
