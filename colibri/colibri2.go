package colibri

import (
	"encoding/xml"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/stanza"
)

// ConferenceModify is <conference-modify xmlns="jitsi:colibri2">, the
// request a focus sends a bridge to create, change or expire a conference,
// its endpoints and its relays (jitsi-xmpp-extensions ConferenceModifyIQ).
//
// Endpoints and relays keep their document order within their own kind;
// <connects> (media export) is kept verbatim.
type ConferenceModify struct {
	XMLName   xml.Name `xml:"jitsi:colibri2 conference-modify"`
	MeetingID string   `xml:"meeting-id,attr"`
	Name      string   `xml:"name,attr,omitempty"`
	Create    bool     `xml:"create,attr,omitempty"`
	Expire    bool     `xml:"expire,attr,omitempty"`
	// RTCStatsEnabled is written only when false; absent means true.
	RTCStatsEnabled *bool `xml:"rtcstats-enabled,attr,omitempty"`
	// CallstatsEnabled is the legacy attribute of jicofo releases before
	// callstats was removed; kept so it survives a round trip.
	CallstatsEnabled *bool      `xml:"callstats-enabled,attr,omitempty"`
	Endpoints        []Endpoint `xml:"endpoint"`
	Relays           []Relay    `xml:"relay"`
	Connects         *xmlx.Raw  `xml:"connects"`
	Extra            []xmlx.Raw `xml:",any"`
}

// RTCStats reports whether rtcstats is enabled (true unless rtcstats-enabled="false").
func (c *ConferenceModify) RTCStats() bool {
	return c.RTCStatsEnabled == nil || *c.RTCStatsEnabled
}

// SetRTCStats sets rtcstats-enabled, leaving it out when it is the default.
func (c *ConferenceModify) SetRTCStats(enabled bool) {
	if enabled {
		c.RTCStatsEnabled = nil
		return
	}
	c.RTCStatsEnabled = &enabled
}

// Endpoint returns the endpoint with that id, or nil.
func (c *ConferenceModify) Endpoint(id string) *Endpoint {
	return findEndpoint(c.Endpoints, id)
}

// Relay returns the relay with that id, or nil.
func (c *ConferenceModify) Relay(id string) *Relay {
	for i := range c.Relays {
		if c.Relays[i].ID == id {
			return &c.Relays[i]
		}
	}
	return nil
}

// ConferenceModified is <conference-modified xmlns="jitsi:colibri2">, a
// bridge's answer: the endpoints and relays with their transports and, on
// creation, the bridge's own feedback sources at conference level.
type ConferenceModified struct {
	XMLName   xml.Name   `xml:"jitsi:colibri2 conference-modified"`
	Endpoints []Endpoint `xml:"endpoint"`
	Relays    []Relay    `xml:"relay"`
	Sources   *Sources   `xml:"sources"`
	Extra     []xmlx.Raw `xml:",any"`
}

// Endpoint returns the endpoint with that id, or nil.
func (c *ConferenceModified) Endpoint(id string) *Endpoint {
	return findEndpoint(c.Endpoints, id)
}

// Relay returns the relay with that id, or nil.
func (c *ConferenceModified) Relay(id string) *Relay {
	for i := range c.Relays {
		if c.Relays[i].ID == id {
			return &c.Relays[i]
		}
	}
	return nil
}

// NewConferenceModifyIQ returns an iq set carrying req.
func NewConferenceModifyIQ(id string, req *ConferenceModify) ConferenceModifyIQ {
	return NewIQ(stanza.SetIQ, id, req)
}

// ModifiedResult returns the result iq answering req with resp.
func ModifiedResult(req ConferenceModifyIQ, resp *ConferenceModified) ConferenceModifiedIQ {
	res := NewIQ(stanza.ResultIQ, req.ID, resp)
	res.IQ.XMLName = req.IQ.XMLName
	res.To, res.From = req.From, req.To
	return res
}

// ModifyError returns the error iq answering req with err.
func ModifyError(req ConferenceModifyIQ, err *Error) ConferenceModifiedIQ {
	res := ModifiedResult(req, nil)
	res.Type = stanza.ErrorIQ
	res.Error = err
	return res
}
