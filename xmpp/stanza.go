package xmpp

import (
	"encoding/xml"
	"fmt"

	"mellium.im/xmlstream"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// IsStanza reports whether e is a message, presence or iq in the client or
// component namespace.
func IsStanza(e *Element) bool {
	if e.Space != NSClient && e.Space != NSComponent {
		return false
	}
	return e.Local == "message" || e.Local == "presence" || e.Local == "iq"
}

// To parses the to attribute; a missing attribute gives the zero JID.
func (e *Element) To() (jid.JID, error) { return parseJIDAttr(e, "to") }

// From parses the from attribute; a missing attribute gives the zero JID.
func (e *Element) From() (jid.JID, error) { return parseJIDAttr(e, "from") }

func parseJIDAttr(e *Element, name string) (jid.JID, error) {
	v := e.Get(name)
	if v == "" {
		return jid.JID{}, nil
	}
	j, err := jid.Parse(v)
	if err != nil {
		return jid.JID{}, fmt.Errorf("%s %q of <%s/>: %w", name, v, e.Local, err)
	}
	return j, nil
}

// NewIQ returns an iq stanza of the given type carrying payload (may be nil).
func NewIQ(typ, id, from, to string, payload *Element) *Element {
	iq := NewElement(NSClient, "iq", "type", typ, "id", id, "from", from, "to", to)
	if payload != nil {
		iq.Add(payload)
	}
	return iq
}

// Result returns the result reply to the iq request req with the payload.
func Result(req *Element, payload *Element) *Element {
	return NewIQ("result", req.Get("id"), req.Get("to"), req.Get("from"), payload)
}

// ErrorReply returns the error reply to stanza req (any kind) carrying the
// mellium stanza error se; the original payload is not echoed.
func ErrorReply(req *Element, se stanza.Error) *Element {
	r := NewElement(NSClient, req.Local, "type", "error", "id", req.Get("id"),
		"from", req.Get("to"), "to", req.Get("from"))
	if el, err := FromTokens(se.TokenReader()); err == nil {
		// mellium writes <error> without a namespace; it belongs to the
		// stanza's (RFC 6120 8.3.2).
		if el.Space == "" {
			el.Space = NSClient
		}
		r.Add(el)
	}
	return r
}

// StanzaError extracts the stanza error carried by an error reply, or nil.
func StanzaError(e *Element) error {
	if e.Get("type") != "error" {
		return nil
	}
	ee := e.Child("", "error")
	if ee == nil {
		return stanza.Error{Condition: stanza.UndefinedCondition}
	}
	se, err := stanza.UnmarshalError(readerOf(ee))
	if err != nil {
		return stanza.Error{Condition: stanza.UndefinedCondition}
	}
	return se
}

// FromTokens builds an Element from the first element in a token stream,
// e.g. a mellium stanza.Error or stream.Error TokenReader.
func FromTokens(r xml.TokenReader) (*Element, error) {
	var stack []*Element
	for {
		tok, err := r.Token()
		if tok == nil && err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnexpected, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			c := fromStart(t)
			if len(stack) > 0 {
				stack[len(stack)-1].Add(c)
			}
			stack = append(stack, c)
		case xml.EndElement:
			if len(stack) == 1 {
				return stack[0], nil
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && len(t) > 0 {
				stack[len(stack)-1].AddText(string(t))
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnexpected, err)
		}
	}
}

// TokenReader returns the element as an xml.TokenReader for mellium APIs.
func (e *Element) TokenReader() xml.TokenReader { return readerOf(e) }

func readerOf(e *Element) xml.TokenReader {
	var inner []xml.TokenReader
	for _, n := range e.Nodes {
		if n.El != nil {
			inner = append(inner, readerOf(n.El))
		} else {
			inner = append(inner, xmlstream.Token(xml.CharData(n.Text)))
		}
	}
	start := xml.StartElement{Name: e.Name(), Attr: e.Attr}
	return xmlstream.Wrap(xmlstream.MultiReader(inner...), start)
}
