package colibri

import (
	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// Relay is a Colibri2 <relay id> (Colibri2Relay): the link from this bridge
// to another bridge of the same conference, named by the other bridge's
// relay_id. It carries the media both bridges use, the relay transport and,
// in <endpoints>, the participants that sit on the other bridge.
type Relay struct {
	ID        string          `xml:"id,attr"`
	Create    bool            `xml:"create,attr,omitempty"`
	Expire    bool            `xml:"expire,attr,omitempty"`
	MeshID    string          `xml:"mesh-id,attr,omitempty"`
	Media     []Media         `xml:"media"`
	Transport *Transport      `xml:"transport"`
	Sources   *Sources        `xml:"sources"`
	Endpoints *RelayEndpoints `xml:"endpoints"`
	Extra     []xmlx.Raw      `xml:",any"`
}

// RelayEndpoints is a relay's <endpoints>: remote endpoints to create,
// update (sources) or expire.
type RelayEndpoints struct {
	Endpoints []Endpoint `xml:"endpoint"`
	Extra     []xmlx.Raw `xml:",any"`
}

// Endpoint returns the relay's remote endpoint with that id, or nil.
func (r *Relay) Endpoint(id string) *Endpoint {
	if r.Endpoints == nil {
		return nil
	}
	return findEndpoint(r.Endpoints.Endpoints, id)
}

// MediaOf returns the relay's media of that type, or nil.
func (r *Relay) MediaOf(typ string) *Media {
	return findMedia(r.Media, typ)
}
