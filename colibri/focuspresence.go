package colibri

import (
	"encoding/xml"
)

// Keys of the focus's conference-properties (jitsi-xmpp-extensions
// ConferenceProperties, jicofo ConferenceProperties updates).
const (
	KeySupportTerminateRestart = "support-terminate-restart"
	KeyBridgeCount             = "bridge-count"
	KeyAudioLimitReached       = "audio-limit-reached"
	KeyVideoLimitReached       = "video-limit-reached"
	KeyVisitorsEnabled         = "visitors-enabled"
	KeyVisitorCount            = "visitor-count"
	KeyVisitorCodecs           = "visitor-codecs"
	KeyAudioRecordingEnabled   = "audio-recording-enabled"
	KeyCreatedMS               = "created-ms"
)

// Component names of the focus's <versions/>.
const (
	ComponentFocus       = "focus"
	ComponentXMPPServer  = "xmpp"
	ComponentVideobridge = "videobridge"
)

// ConferenceProperties is <conference-properties
// xmlns="http://jitsi.org/protocol/focus">, which the focus puts in its
// room presence; lib-jitsi-meet reads it only from the focus.
type ConferenceProperties struct {
	XMLName    xml.Name             `xml:"http://jitsi.org/protocol/focus conference-properties"`
	Properties []ConferenceProperty `xml:"property"`
}

// ConferenceProperty is <property key value/>.
type ConferenceProperty struct {
	Key   string `xml:"key,attr"`
	Value string `xml:"value,attr"`
}

// Put sets key to value, replacing an earlier value as Jitsi does.
func (c *ConferenceProperties) Put(key, value string) {
	for i := range c.Properties {
		if c.Properties[i].Key == key {
			c.Properties[i].Value = value
			return
		}
	}
	c.Properties = append(c.Properties, ConferenceProperty{Key: key, Value: value})
}

// Get returns the value of key.
func (c *ConferenceProperties) Get(key string) (string, bool) {
	if c == nil {
		return "", false
	}
	for _, p := range c.Properties {
		if p.Key == key {
			return p.Value, true
		}
	}
	return "", false
}

// BridgeNotAvailable is <bridgeNotAvailable
// xmlns="http://jitsi.org/protocol/focus"/>, present in the focus's room
// presence while no bridge can be selected; the client raises BRIDGE_DOWN.
type BridgeNotAvailable struct {
	XMLName xml.Name `xml:"http://jitsi.org/protocol/focus bridgeNotAvailable"`
}

// Versions is <versions xmlns="http://jitsi.org/jitmeet"> with one
// <component name>version</component> per component (focus, xmpp,
// videobridge).
type Versions struct {
	XMLName    xml.Name    `xml:"http://jitsi.org/jitmeet versions"`
	Components []Component `xml:"component"`
}

// Component is <component name>version</component>.
type Component struct {
	Name    string `xml:"name,attr"`
	Version string `xml:",chardata"`
}

// Get returns the version of the named component.
func (v *Versions) Get(name string) (string, bool) {
	if v == nil {
		return "", false
	}
	for _, c := range v.Components {
		if c.Name == name {
			return c.Version, true
		}
	}
	return "", false
}
