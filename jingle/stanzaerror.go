package jingle

import (
	"encoding/xml"
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/stanza"
)

// ErrorCondition is a Jingle-specific error condition (XEP-0166 §10), sent
// in the urn:xmpp:jingle:errors:1 namespace next to the stanza condition.
type ErrorCondition string

// Jingle error conditions.
const (
	UnknownSession  ErrorCondition = "unknown-session"
	OutOfOrder      ErrorCondition = "out-of-order"
	TieBreak        ErrorCondition = "tie-break"
	UnsupportedInfo ErrorCondition = "unsupported-info"
)

// Error is the <error/> of a Jingle IQ reply: the stanza error type and
// condition (RFC 6120 §8.3), an optional text, an optional Jingle condition,
// and any other application-specific child (kept in Extra). It implements
// error; errors.Is matches like stanza.Error, with empty fields of the target
// acting as wildcards, so errors.Is(err, jingle.Error{Jingle:
// jingle.UnknownSession}) works.
type Error struct {
	Type      stanza.ErrorType
	By        string
	Condition stanza.Condition
	Text      string
	Jingle    ErrorCondition
	Extra     []xmlx.Raw
}

// Typed errors for the four Jingle conditions, with the stanza condition and
// type XEP-0166 pairs them with (and that lib-jitsi-meet sends).
var (
	ErrUnknownSession  = Error{Type: stanza.Cancel, Condition: stanza.ItemNotFound, Jingle: UnknownSession}
	ErrOutOfOrder      = Error{Type: stanza.Wait, Condition: stanza.UnexpectedRequest, Jingle: OutOfOrder}
	ErrTieBreak        = Error{Type: stanza.Cancel, Condition: stanza.Conflict, Jingle: TieBreak}
	ErrUnsupportedInfo = Error{Type: stanza.Modify, Condition: stanza.FeatureNotImplemented, Jingle: UnsupportedInfo}
)

// Error implements error.
func (e Error) Error() string {
	parts := []string{"jingle error"}
	for _, p := range []string{string(e.Type), string(e.Condition), string(e.Jingle), e.Text} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ": ")
}

// Is matches e against an Error (empty target fields match anything) or a
// stanza.Error (by type and condition, with the same wildcard rule).
func (e Error) Is(target error) bool {
	switch t := target.(type) {
	case Error:
		return match(string(t.Type), string(e.Type)) && match(string(t.Condition), string(e.Condition)) &&
			match(string(t.Jingle), string(e.Jingle))
	case stanza.Error:
		return match(string(t.Type), string(e.Type)) && match(string(t.Condition), string(e.Condition))
	}
	return false
}

func match(want, got string) bool { return want == "" || want == got }

// WithText returns a copy of e with the given human-readable text.
func (e Error) WithText(text string) Error {
	e.Text = text
	return e
}

// StanzaError converts e to a mellium stanza error (dropping the Jingle
// condition, which stanza.Error cannot carry).
func (e Error) StanzaError() stanza.Error {
	se := stanza.Error{Type: e.Type, Condition: e.Condition}
	if e.Text != "" {
		se.Text = map[string]string{"": e.Text}
	}
	return se
}

// errorWire is the decoding shape of a stanza <error/>.
type errorWire struct {
	Type     string     `xml:"type,attr"`
	By       string     `xml:"by,attr"`
	Children []xmlx.Raw `xml:",any"`
}

// UnmarshalXML implements xml.Unmarshaler for the <error/> child of an IQ.
func (e *Error) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var w errorWire
	if err := d.DecodeElement(&w, &start); err != nil {
		return err
	}
	*e = Error{Type: stanza.ErrorType(w.Type), By: w.By}
	for _, c := range w.Children {
		name := c.Name()
		switch {
		case name.Space == NSStanzaError && name.Local == "text" && e.Text == "":
			e.Text = rawText(c, 1)
		case name.Space == NSStanzaError && name.Local != "text" && e.Condition == "":
			e.Condition = stanza.Condition(name.Local)
		case name.Space == NSErrors && e.Jingle == "":
			e.Jingle = ErrorCondition(name.Local)
		default:
			e.Extra = append(e.Extra, c)
		}
	}
	return nil
}

// MarshalXML implements xml.Marshaler. The element takes the namespace of
// the enclosing stanza.
func (e Error) MarshalXML(enc *xml.Encoder, start xml.StartElement) error {
	start = xml.StartElement{Name: xml.Name{Local: "error"}}
	if e.Type != "" {
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "type"}, Value: string(e.Type)})
	}
	if e.By != "" {
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "by"}, Value: e.By})
	}
	toks := []xml.Token{start}
	cond := e.Condition
	if cond == "" {
		cond = stanza.UndefinedCondition
	}
	toks = append(toks, wrapTokens(xml.StartElement{Name: xml.Name{Space: NSStanzaError, Local: string(cond)}}, nil)...)
	if e.Text != "" {
		toks = append(toks, textElement(xml.Name{Space: NSStanzaError, Local: "text"}, e.Text)...)
	}
	if e.Jingle != "" {
		toks = append(toks, wrapTokens(xml.StartElement{Name: xml.Name{Space: NSErrors, Local: string(e.Jingle)}}, nil)...)
	}
	if err := encodeTokens(enc, toks); err != nil {
		return err
	}
	for _, x := range e.Extra {
		if err := x.MarshalXML(enc, xml.StartElement{}); err != nil {
			return err
		}
	}
	return enc.EncodeToken(start.End())
}
