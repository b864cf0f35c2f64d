package colibri

import (
	"encoding/xml"
	"fmt"
	"strconv"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/jid"
)

// Names of conference IQ properties a client sends and a focus answers with
// (lib-jitsi-meet moderator.js, jicofo ConferenceIqHandler).
const (
	PropVisitorsVersion   = "visitors-version"
	PropVisitor           = "visitor"
	PropStartAudioMuted   = "startAudioMuted"
	PropStartVideoMuted   = "startVideoMuted"
	PropRTCStatsEnabled   = "rtcstatsEnabled"
	PropAuthentication    = "authentication"
	PropExternalAuth      = "externalAuth"
	PropSIPGatewayEnabled = "sipGatewayEnabled"
	PropVisitorsSupported = "visitors-supported"
	PropLive              = "live"
)

// Conference is <conference xmlns="http://jitsi.org/protocol/focus">
// (jitsi-xmpp-extensions ConferenceIq): the request a client sends to the
// focus to open a room, and the focus's reply. Note the lower-case
// focusjid attribute.
type Conference struct {
	XMLName    xml.Name   `xml:"http://jitsi.org/protocol/focus conference"`
	Room       string     `xml:"room,attr,omitempty"`
	MachineUID string     `xml:"machine-uid,attr,omitempty"`
	Token      string     `xml:"token,attr,omitempty"`
	SessionID  string     `xml:"session-id,attr,omitempty"`
	Ready      *bool      `xml:"ready,attr,omitempty"`
	FocusJID   string     `xml:"focusjid,attr,omitempty"`
	VNode      string     `xml:"vnode,attr,omitempty"`
	Identity   string     `xml:"identity,attr,omitempty"`
	Properties []Property `xml:"property"`
	Extra      []xmlx.Raw `xml:",any"`
}

// Property is a conference IQ <property name value/>.
type Property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// Property returns the value of the named property.
func (c *Conference) Property(name string) (string, bool) {
	for _, p := range c.Properties {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// SetProperty replaces the named property's value, or appends it.
func (c *Conference) SetProperty(name, value string) {
	for i := range c.Properties {
		if c.Properties[i].Name == name {
			c.Properties[i].Value = value
			return
		}
	}
	c.Properties = append(c.Properties, Property{Name: name, Value: value})
}

// IsReady reports ready="true".
func (c *Conference) IsReady() bool { return c.Ready != nil && *c.Ready }

// SetReady sets the ready attribute.
func (c *Conference) SetReady(ready bool) { c.Ready = &ready }

// RoomJID parses the room attribute; the room must be a bare JID with a
// localpart (room@conference.domain), as jicofo requires.
func (c *Conference) RoomJID() (jid.JID, error) {
	if c.Room == "" {
		return jid.JID{}, fmt.Errorf("%w: conference room", ErrMissingAttribute)
	}
	j, err := jid.Parse(c.Room)
	if err != nil {
		return jid.JID{}, fmt.Errorf("%w: conference room=%q: %v", ErrInvalidValue, c.Room, err)
	}
	if j.Localpart() == "" || j.Resourcepart() != "" {
		return jid.JID{}, fmt.Errorf("%w: conference room=%q is not a bare room JID", ErrInvalidValue, c.Room)
	}
	return j, nil
}

// Reply returns the focus's answer to the request c: same room (and
// session id, vnode), ready as given, the focus's JID, no properties yet.
func (c *Conference) Reply(ready bool, focusJID string) *Conference {
	r := &Conference{Room: c.Room, SessionID: c.SessionID, VNode: c.VNode, FocusJID: focusJID}
	r.SetReady(ready)
	return r
}

// SetBoolProperty sets a property to "true" or "false".
func (c *Conference) SetBoolProperty(name string, v bool) {
	c.SetProperty(name, strconv.FormatBool(v))
}
