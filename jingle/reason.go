package jingle

import (
	"encoding/xml"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// ReasonCondition is the condition element of a <reason/> (XEP-0166 §7.4).
type ReasonCondition string

// Reason conditions defined by XEP-0166. Jicofo terminates with success
// ("moving"), expired, gone or general-error; clients with success.
const (
	ReasonAlternativeSession      ReasonCondition = "alternative-session"
	ReasonBusy                    ReasonCondition = "busy"
	ReasonCancel                  ReasonCondition = "cancel"
	ReasonConnectivityError       ReasonCondition = "connectivity-error"
	ReasonDecline                 ReasonCondition = "decline"
	ReasonExpired                 ReasonCondition = "expired"
	ReasonFailedApplication       ReasonCondition = "failed-application"
	ReasonFailedTransport         ReasonCondition = "failed-transport"
	ReasonGeneralError            ReasonCondition = "general-error"
	ReasonGone                    ReasonCondition = "gone"
	ReasonIncompatibleParameters  ReasonCondition = "incompatible-parameters"
	ReasonMediaError              ReasonCondition = "media-error"
	ReasonSecurityError           ReasonCondition = "security-error"
	ReasonSuccess                 ReasonCondition = "success"
	ReasonTimeout                 ReasonCondition = "timeout"
	ReasonUnsupportedApplications ReasonCondition = "unsupported-applications"
	ReasonUnsupportedTransports   ReasonCondition = "unsupported-transports"
)

// Reason is <reason/> in the Jingle namespace: one condition element, an
// optional <text/>, and (for alternative-session) the other session's ID.
// Any other child is kept in Extra. A condition name outside the list above is
// kept as is, so a newer peer's condition survives a round trip.
type Reason struct {
	Condition ReasonCondition
	Text      string
	// AlternativeSID is the <sid/> inside <alternative-session/>.
	AlternativeSID string
	Extra          []xmlx.Raw
}

// reasonWire is the decoding shape of <reason/>.
type reasonWire struct {
	Children []xmlx.Raw `xml:",any"`
}

// UnmarshalXML implements xml.Unmarshaler.
func (r *Reason) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var w reasonWire
	if err := d.DecodeElement(&w, &start); err != nil {
		return err
	}
	*r = Reason{}
	for _, c := range w.Children {
		name := c.Name()
		switch {
		case name.Space == NS && name.Local == "text" && r.Text == "":
			r.Text = rawText(c, 1)
		case name.Space == NS && r.Condition == "" && name.Local != "text":
			r.Condition = ReasonCondition(name.Local)
			r.AlternativeSID = rawChildText(c, xml.Name{Space: NS, Local: "sid"})
		default:
			r.Extra = append(r.Extra, c)
		}
	}
	return nil
}

// MarshalXML implements xml.Marshaler.
func (r Reason) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start = xml.StartElement{Name: xml.Name{Space: NS, Local: "reason"}}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if r.Condition != "" {
		cond := xml.StartElement{Name: xml.Name{Space: NS, Local: string(r.Condition)}}
		var inner []xml.Token
		if r.AlternativeSID != "" {
			inner = textElement(xml.Name{Space: NS, Local: "sid"}, r.AlternativeSID)
		}
		if err := encodeTokens(e, wrapTokens(cond, inner)); err != nil {
			return err
		}
	}
	if r.Text != "" {
		if err := encodeTokens(e, textElement(xml.Name{Space: NS, Local: "text"}, r.Text)); err != nil {
			return err
		}
	}
	for _, x := range r.Extra {
		if err := x.MarshalXML(e, xml.StartElement{}); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}
