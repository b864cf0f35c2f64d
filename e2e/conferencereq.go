package e2e

import (
	"encoding/xml"
	"errors"
	"fmt"
)

// NSFocus is the namespace of the conference request (jitsi-protocol.md §2).
const NSFocus = "http://jitsi.org/protocol/focus"

// errNoConference means an IQ carries no focus conference element.
var errNoConference = errors.New("e2e: iq has no conference element")

// ConferenceRequest is the conference IQ lib-jitsi-meet sends to the focus.
type ConferenceRequest struct {
	ID, Type, From, To string
	Room               string // bare room JID
	MachineUID         string
	SessionID          string
	Properties         map[string]string
}

type conferenceIQ struct {
	XMLName    xml.Name `xml:"iq"`
	ID         string   `xml:"id,attr"`
	Type       string   `xml:"type,attr"`
	From       string   `xml:"from,attr"`
	To         string   `xml:"to,attr"`
	Conference *struct {
		Room       string `xml:"room,attr"`
		MachineUID string `xml:"machine-uid,attr"`
		SessionID  string `xml:"session-id,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"property"`
	} `xml:"http://jitsi.org/protocol/focus conference"`
}

func (iq *conferenceIQ) request() (ConferenceRequest, error) {
	c := iq.Conference
	if c == nil {
		return ConferenceRequest{}, fmt.Errorf("%w (iq id %q from %q)", errNoConference, iq.ID, iq.From)
	}
	r := ConferenceRequest{ID: iq.ID, Type: iq.Type, From: iq.From, To: iq.To, Room: c.Room,
		MachineUID: c.MachineUID, SessionID: c.SessionID, Properties: map[string]string{}}
	for _, p := range c.Properties {
		r.Properties[p.Name] = p.Value
	}
	return r, nil
}

// node is any XML element, kept whole so the observer can report stanzas as
// XML text and parse them with the same code the fixtures test.
type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []node     `xml:",any"`
	Text     string     `xml:",chardata"`
}

// withoutNSAttrs drops xmlns attributes, which XMLName.Space already carries
// (marshalling both would repeat the attribute).
func (n node) withoutNSAttrs() node {
	attrs := n.Attrs[:0:0]
	for _, a := range n.Attrs {
		if a.Name.Local != "xmlns" && a.Name.Space != "xmlns" {
			attrs = append(attrs, a)
		}
	}
	n.Attrs = attrs
	kids := make([]node, len(n.Children))
	for i, c := range n.Children {
		kids[i] = c.withoutNSAttrs()
	}
	n.Children = kids
	return n
}

// ParseConferenceRequest decodes one <iq> holding a focus conference element.
func ParseConferenceRequest(b []byte) (ConferenceRequest, error) {
	var iq conferenceIQ
	if err := xml.Unmarshal(b, &iq); err != nil {
		return ConferenceRequest{}, fmt.Errorf("e2e: conference iq: %w", err)
	}
	return iq.request()
}
