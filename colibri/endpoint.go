package colibri

import (
	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// Capabilities a focus announces for an endpoint.
const (
	CapSourceNames                = "source-names" // mandatory on create
	CapSSRCRewriting              = "ssrc-rewriting"
	CapPrivateAddressConnectivity = "private-address-connectivity"
	CapRTPMidDemux                = "rtp-mid-demux"
)

// MUC roles an endpoint may carry in muc-role.
const (
	RoleModerator   = "moderator"
	RoleParticipant = "participant"
	RoleVisitor     = "visitor"
	RoleNone        = "none"
)

// Endpoint is a Colibri2 <endpoint> (Colibri2Endpoint): one participant on
// the bridge. In a request it creates, updates or expires the endpoint; in
// a reply it carries the bridge's transport. The same element lists a
// relay's remote endpoints, and names the endpoint of an unknown_endpoint
// error.
type Endpoint struct {
	ID           string        `xml:"id,attr"`
	Create       bool          `xml:"create,attr,omitempty"`
	Expire       bool          `xml:"expire,attr,omitempty"`
	StatsID      string        `xml:"stats-id,attr,omitempty"`
	MUCRole      string        `xml:"muc-role,attr,omitempty"`
	Media        []Media       `xml:"media"`
	Transport    *Transport    `xml:"transport"`
	Sources      *Sources      `xml:"sources"` // non-nil and empty clears the sources
	Capabilities []Capability  `xml:"capability"`
	ForceMute    *ForceMute    `xml:"force-mute"`
	InitialLastN *InitialLastN `xml:"initial-last-n"`
	Extra        []xmlx.Raw    `xml:",any"`
}

// Capability is <capability name/>.
type Capability struct {
	Name string `xml:"name,attr"`
}

// ForceMute is <force-mute audio video/>: the bridge drops the endpoint's
// audio or video. Attributes are written only when true, so <force-mute/>
// lifts both.
type ForceMute struct {
	Audio bool `xml:"audio,attr,omitempty"`
	Video bool `xml:"video,attr,omitempty"`
}

// InitialLastN is <initial-last-n value/>: the endpoint's last-n until it
// sets its own over the bridge channel.
type InitialLastN struct {
	Value int `xml:"value,attr"`
}

// HasCapability reports whether the endpoint announces the capability.
func (e *Endpoint) HasCapability(name string) bool {
	for _, c := range e.Capabilities {
		if c.Name == name {
			return true
		}
	}
	return false
}

// AddCapability appends the capability unless present.
func (e *Endpoint) AddCapability(name string) {
	if !e.HasCapability(name) {
		e.Capabilities = append(e.Capabilities, Capability{Name: name})
	}
}

// MediaOf returns the endpoint's media of that type, or nil.
func (e *Endpoint) MediaOf(typ string) *Media {
	return findMedia(e.Media, typ)
}

func findEndpoint(eps []Endpoint, id string) *Endpoint {
	for i := range eps {
		if eps[i].ID == id {
			return &eps[i]
		}
	}
	return nil
}
