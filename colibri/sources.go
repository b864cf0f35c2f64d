package colibri

import (
	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// Names of the bridge's feedback sources: the SSRCs it uses for RTCP
// termination, announced at conference level in conference-modified.
const (
	FeedbackAudioName = "jvb-a0"
	FeedbackVideoName = "jvb-v0"
)

// Sources is a Colibri2 <sources>: an endpoint's sources grouped per source
// name. An empty <sources/> in a request clears the endpoint's sources.
type Sources struct {
	MediaSources []MediaSource `xml:"media-source"`
	Extra        []xmlx.Raw    `xml:",any"`
}

// MediaSource is <media-source type id [synthetic]> (MediaSource): one
// named source (abcd1234-v0) with its SSMA <source/> SSRCs and its
// <ssrc-group/>s (SIM, FID).
type MediaSource struct {
	Type       string             `xml:"type,attr"`
	ID         string             `xml:"id,attr"`
	Synthetic  bool               `xml:"synthetic,attr,omitempty"`
	Sources    []jingle.Source    `xml:"urn:xmpp:jingle:apps:rtp:ssma:0 source"`
	SSRCGroups []jingle.SSRCGroup `xml:"urn:xmpp:jingle:apps:rtp:ssma:0 ssrc-group"`
	Extra      []xmlx.Raw         `xml:",any"`
}

// FeedbackSources returns the conference-level <sources> a bridge answers
// with on creation: jvb-a0 and jvb-v0 with the given SSRCs.
func FeedbackSources(audioSSRC, videoSSRC uint32) *Sources {
	return &Sources{MediaSources: []MediaSource{
		{Type: MediaAudio, ID: FeedbackAudioName, Sources: []jingle.Source{{SSRC: audioSSRC, Name: FeedbackAudioName}}},
		{Type: MediaVideo, ID: FeedbackVideoName, Sources: []jingle.Source{{SSRC: videoSSRC, Name: FeedbackVideoName}}},
	}}
}

// ByID returns the media source with that id (source name), or nil.
func (s *Sources) ByID(id string) *MediaSource {
	if s == nil {
		return nil
	}
	for i := range s.MediaSources {
		if s.MediaSources[i].ID == id {
			return &s.MediaSources[i]
		}
	}
	return nil
}

// SSRCs lists every SSRC of every media source in document order.
func (s *Sources) SSRCs() []uint32 {
	if s == nil {
		return nil
	}
	var out []uint32
	for _, ms := range s.MediaSources {
		out = append(out, ms.SSRCs()...)
	}
	return out
}

// SSRCs lists the media source's SSRCs in document order.
func (ms *MediaSource) SSRCs() []uint32 {
	out := make([]uint32, len(ms.Sources))
	for i, s := range ms.Sources {
		out[i] = s.SSRC
	}
	return out
}

// Group returns the media source's first SSRC group with those semantics
// (jingle.SemanticsSIM, jingle.SemanticsFID), or nil.
func (ms *MediaSource) Group(semantics string) *jingle.SSRCGroup {
	for i := range ms.SSRCGroups {
		if ms.SSRCGroups[i].Semantics == semantics {
			return &ms.SSRCGroups[i]
		}
	}
	return nil
}
