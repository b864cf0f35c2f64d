// Package xmlx holds small XML helpers shared by the wire packages: an element
// kept verbatim for pass-through and a namespace-aware comparison for tests.
package xmlx

import (
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
)

// ErrUnbalanced is returned when an element kept by Raw does not close.
var ErrUnbalanced = errors.New("xmlx: element not closed")

// ErrBadName is returned for a prefixed name whose local part is not an XML
// name (encoding/xml accepts <p:-x>, but could not write it back).
var ErrBadName = errors.New("xmlx: invalid local name")

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
	if err := checkNames(start); err != nil {
		return err
	}
	r.Tokens = append(r.Tokens[:0], cleanStart(start))
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("%w: <%s>: %v", ErrUnbalanced, start.Name.Local, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := checkNames(t); err != nil {
				return err
			}
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

// MarshalXML implements xml.Marshaler. An element in no namespace is written
// with xmlns="" so that it does not inherit the default namespace of the
// element it is written into (encoding/xml does not track that default).
func (r Raw) MarshalXML(e *xml.Encoder, _ xml.StartElement) error {
	for _, t := range r.Tokens {
		if se, ok := t.(xml.StartElement); ok && se.Name.Space == "" {
			attrs := make([]xml.Attr, 0, len(se.Attr)+1)
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "xmlns"}})
			se.Attr = append(attrs, se.Attr...)
			t = se
		}
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

// checkNames rejects element and attribute names that could not be encoded
// back as well-formed XML.
func checkNames(se xml.StartElement) error {
	if !validLocal(se.Name.Local) {
		return fmt.Errorf("%w: element %q", ErrBadName, se.Name.Local)
	}
	for _, a := range se.Attr {
		if !validLocal(a.Name.Local) {
			return fmt.Errorf("%w: attribute %q", ErrBadName, a.Name.Local)
		}
	}
	return nil
}

// validLocal reports whether s can start an element name. The decoder has
// already checked every character of the qualified name; only the first
// character after a prefix escaped the stricter name-start rule. Names that
// start with an ASCII letter or '_' are fine; others are checked by parsing.
func validLocal(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
		return true
	}
	tok, err := xml.NewDecoder(strings.NewReader("<" + s + "/>")).Token()
	if err != nil {
		return false
	}
	se, ok := tok.(xml.StartElement)
	return ok && se.Name.Space == "" && se.Name.Local == s
}
