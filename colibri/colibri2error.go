package colibri

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmlstream"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// Reason is the reason attribute of the Colibri2 error extension
// <error xmlns="jitsi:colibri2" reason="…"/>. A Reason is an error value, so
// errors.Is(err, ReasonGracefulShutdown) matches an *Error carrying it.
type Reason string

// Reasons a bridge gives (jitsi-xmpp-extensions Colibri2Error.Reason).
const (
	ReasonConferenceNotFound      Reason = "conference_not_found"
	ReasonConferenceAlreadyExists Reason = "conference_already_exists"
	ReasonFeatureNotImplemented   Reason = "feature_not_implemented"
	ReasonGracefulShutdown        Reason = "graceful_shutdown"
	ReasonUnknownEndpoint         Reason = "unknown_endpoint"
	ReasonUnspecified             Reason = "unspecified"
)

// Error implements error.
func (r Reason) Error() string { return "colibri2: " + string(r) }

// Condition returns the stanza error condition and type a bridge pairs
// with the reason (jvb Colibri2Util.kt, Smack's default types).
func (r Reason) Condition() (stanza.ErrorType, stanza.Condition) {
	switch r {
	case ReasonConferenceNotFound, ReasonUnknownEndpoint:
		return stanza.Cancel, stanza.ItemNotFound
	case ReasonConferenceAlreadyExists:
		return stanza.Cancel, stanza.Conflict
	case ReasonGracefulShutdown:
		return stanza.Cancel, stanza.ServiceUnavailable
	case ReasonFeatureNotImplemented:
		return stanza.Cancel, stanza.FeatureNotImplemented
	}
	return stanza.Modify, stanza.BadRequest
}

// Error is the <error/> element of an iq of type "error": the stanza error
// (type, defined condition, text) and, when a bridge sent it, the Colibri2
// extension with its reason and, for unknown_endpoint, the endpoint's id.
// Other application-specific children are kept in Extra.
//
// errors.Is matches an *Error against its Reason and against a stanza.Error
// (empty fields of the target are wildcards, as in mellium); errors.As
// extracts the *Error.
//
// Encoding goes through mellium's stanza.Error.Wrap, which writes the
// extension children after the condition and text. mellium's decoder keeps
// only type, by, condition and text, so Error decodes the element itself.
type Error struct {
	Stanza     stanza.Error
	Reason     Reason // "" when no Colibri2 extension was present
	EndpointID string // <endpoint xmlns="jitsi:colibri2" id/>, with unknown_endpoint
	Extra      []xmlx.Raw
}

// NewError returns the error a bridge sends for reason, with text as the
// human-readable <text/>.
func NewError(reason Reason, text string) *Error {
	typ, cond := reason.Condition()
	return &Error{Stanza: stanzaError(typ, cond, text), Reason: reason}
}

// NewUnknownEndpointError returns the item-not-found / unknown_endpoint error
// naming the endpoint, as jvb sends it.
func NewUnknownEndpointError(endpointID, text string) *Error {
	e := NewError(ReasonUnknownEndpoint, text)
	e.EndpointID = endpointID
	return e
}

// NewStanzaError returns an error without the Colibri2 extension, e.g. the
// bad-request a bridge sends for an invalid request, or a failed health check.
func NewStanzaError(typ stanza.ErrorType, cond stanza.Condition, text string) *Error {
	return &Error{Stanza: stanzaError(typ, cond, text)}
}

func stanzaError(typ stanza.ErrorType, cond stanza.Condition, text string) stanza.Error {
	se := stanza.Error{Type: typ, Condition: cond}
	if text != "" {
		se.Text = map[string]string{"": text}
	}
	return se
}

// Error implements error.
func (e Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Stanza.Condition))
	if e.Reason != "" {
		fmt.Fprintf(&b, " (%s)", e.Reason)
	}
	if e.EndpointID != "" {
		fmt.Fprintf(&b, " endpoint %q", e.EndpointID)
	}
	if t := e.Text(); t != "" {
		b.WriteString(": ")
		b.WriteString(t)
	}
	return b.String()
}

// Text returns the error's text in the default language, or any text.
func (e Error) Text() string {
	if t, ok := e.Stanza.Text[""]; ok {
		return t
	}
	for _, t := range e.Stanza.Text {
		return t
	}
	return ""
}

// Unwrap lets errors.Is and errors.As see the stanza error and the reason.
func (e Error) Unwrap() []error {
	if e.Reason == "" {
		return []error{e.Stanza}
	}
	return []error{e.Stanza, e.Reason}
}

// MarshalXML implements xml.Marshaler, writing the full stanza <error/>.
func (e Error) MarshalXML(enc *xml.Encoder, _ xml.StartElement) error {
	var ext []xml.Token
	if e.Reason != "" {
		ext = appendEmpty(ext, NSColibri2, "error", "reason", string(e.Reason))
	}
	if e.EndpointID != "" {
		ext = appendEmpty(ext, NSColibri2, "endpoint", "id", e.EndpointID)
	}
	for _, x := range e.Extra {
		ext = append(ext, x.Tokens...)
	}
	var payload xml.TokenReader
	if len(ext) > 0 {
		payload = &tokenSlice{toks: ext}
	}
	if _, err := xmlstream.Copy(enc, e.Stanza.Wrap(payload)); err != nil {
		return err
	}
	return enc.Flush()
}

func appendEmpty(toks []xml.Token, space, local, attr, value string) []xml.Token {
	start := xml.StartElement{
		Name: xml.Name{Space: space, Local: local},
		Attr: []xml.Attr{{Name: xml.Name{Local: attr}, Value: value}},
	}
	return append(toks, start, start.End())
}

// UnmarshalXML implements xml.Unmarshaler. A missing defined condition
// decodes as undefined-condition, which is what the element means.
func (e *Error) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	*e = Error{}
	for _, a := range start.Attr {
		switch {
		case a.Name.Space != "":
		case a.Name.Local == "type":
			e.Stanza.Type = stanza.ErrorType(a.Value)
		case a.Name.Local == "by" && a.Value != "":
			by, err := jid.Parse(a.Value)
			if err == nil {
				err = stableJIDs(by)
			}
			if err != nil {
				return fmt.Errorf("%w: error by=%q: %v", ErrInvalidValue, a.Value, err)
			}
			e.Stanza.By = by
		}
	}
	err := eachChild(d, func(child xml.StartElement) error {
		var r xmlx.Raw
		if err := d.DecodeElement(&r, &child); err != nil {
			return err
		}
		e.addChild(r)
		return nil
	})
	if e.Stanza.Condition == "" {
		e.Stanza.Condition = stanza.UndefinedCondition
	}
	return err
}

func (e *Error) addChild(r xmlx.Raw) {
	start := r.Tokens[0].(xml.StartElement)
	switch n := start.Name; {
	case n.Space == NSStanzas && n.Local == "text":
		if txt := rawText(r); txt != "" {
			if e.Stanza.Text == nil {
				e.Stanza.Text = map[string]string{}
			}
			e.Stanza.Text[attrValue(start, "lang")] = txt
		}
	case n.Space == NSStanzas:
		if e.Stanza.Condition == "" {
			e.Stanza.Condition = stanza.Condition(n.Local)
		}
	case n == xml.Name{Space: NSColibri2, Local: "error"} && e.Reason == "":
		e.Reason = Reason(attrValue(start, "reason"))
		if e.Reason == "" {
			e.Reason = ReasonUnspecified
		}
	case n == xml.Name{Space: NSColibri2, Local: "endpoint"} && e.EndpointID == "":
		e.EndpointID = attrValue(start, "id")
		if e.EndpointID == "" {
			e.Extra = append(e.Extra, r)
		}
	default:
		e.Extra = append(e.Extra, r)
	}
}
