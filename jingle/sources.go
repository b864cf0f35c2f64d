package jingle

import (
	"slices"
	"sort"
)

// OwnerJVB is the owner of the bridge's feedback sources (jvb-a0, jvb-v0).
const OwnerJVB = "jvb"

// Video types of a source. Jicofo's compact JSON marks only desktop; clients
// treat a video source without a type as camera.
const (
	VideoTypeCamera  = "camera"
	VideoTypeDesktop = "desktop"
)

// EndpointSources is the set of sources one endpoint (or the bridge, owner
// "jvb") signals, split by media type: what jicofo calls an
// EndpointSourceSet. The sources carry SSRC, name, video type and the msid
// parameter; ownership lives in Owner, not in per-source <ssrc-info/>.
type EndpointSources struct {
	Owner       string
	Audio       []Source
	Video       []Source
	AudioGroups []SSRCGroup
	VideoGroups []SSRCGroup
}

// ConferenceSourceMap is the sources of a conference per owner (endpoint ID
// or "jvb"). Each value's Owner equals its key; use Add to keep it so.
type ConferenceSourceMap map[string]EndpointSources

// NewSource returns a source in the normalized form this package's models
// use: msid as the only parameter, no owner element, nothing else.
func NewSource(ssrc uint32, name, msid, videoType string) Source {
	s := Source{SSRC: ssrc, Name: name, VideoType: videoType}
	if msid != "" {
		s.Parameters = []Parameter{{Name: "msid", Value: msid}}
	}
	return s
}

// normalizeSource reduces a signalled source to the model form.
func normalizeSource(s Source) Source {
	return NewSource(s.SSRC, s.Name, s.MSID(), s.VideoType)
}

// NewGroup returns an ssrc-group with the given semantics and members.
func NewGroup(semantics string, ssrcs ...uint32) SSRCGroup {
	g := SSRCGroup{Semantics: semantics, Sources: make([]SourceRef, len(ssrcs))}
	for i, s := range ssrcs {
		g.Sources[i].SSRC = s
	}
	return g
}

// IsEmpty reports whether e has no sources and no groups.
func (e EndpointSources) IsEmpty() bool {
	return len(e.Audio)+len(e.Video)+len(e.AudioGroups)+len(e.VideoGroups) == 0
}

// SSRCs lists every source SSRC, audio first.
func (e EndpointSources) SSRCs() []uint32 {
	out := make([]uint32, 0, len(e.Audio)+len(e.Video))
	for _, s := range e.Audio {
		out = append(out, s.SSRC)
	}
	for _, s := range e.Video {
		out = append(out, s.SSRC)
	}
	return out
}

// Merge returns e plus the sources and groups of o that e does not have yet
// (sources compared by SSRC, groups by semantics and members). The result
// shares no slices with its inputs.
func (e EndpointSources) Merge(o EndpointSources) EndpointSources {
	out := e.clone()
	out.Audio = mergeSources(out.Audio, o.Audio)
	out.Video = mergeSources(out.Video, o.Video)
	out.AudioGroups = mergeGroups(out.AudioGroups, o.AudioGroups)
	out.VideoGroups = mergeGroups(out.VideoGroups, o.VideoGroups)
	return out
}

// Subtract returns e without the sources whose SSRCs o names, without the
// groups o names, and without every group that loses a member (as jicofo
// removes them).
func (e EndpointSources) Subtract(o EndpointSources) EndpointSources {
	gone := make(map[uint32]bool)
	for _, s := range o.SSRCs() {
		gone[s] = true
	}
	out := EndpointSources{Owner: e.Owner}
	out.Audio = keepSources(e.Audio, gone)
	out.Video = keepSources(e.Video, gone)
	out.AudioGroups = keepGroups(e.AudioGroups, o.AudioGroups, gone)
	out.VideoGroups = keepGroups(e.VideoGroups, o.VideoGroups, gone)
	return out
}

// StripSimulcast returns e with only the first SSRC of each SIM group (and
// its FID partner) kept, and the SIM groups removed: what jicofo signals to
// receivers when strip-simulcast is on.
func (e EndpointSources) StripSimulcast() EndpointSources {
	gone := make(map[uint32]bool)
	for _, g := range e.VideoGroups {
		if g.Semantics == SemanticsSIM {
			for _, r := range g.Sources[min(1, len(g.Sources)):] {
				gone[r.SSRC] = true
			}
		}
	}
	for _, g := range e.VideoGroups {
		if g.Semantics == SemanticsFID && len(g.Sources) == 2 && gone[g.Sources[0].SSRC] {
			gone[g.Sources[1].SSRC] = true
		}
	}
	out := e.clone()
	out.Video = keepSources(e.Video, gone)
	out.VideoGroups = nil
	for _, g := range e.VideoGroups {
		if g.Semantics != SemanticsSIM && !groupTouches(g, gone) {
			out.VideoGroups = append(out.VideoGroups, cloneGroups([]SSRCGroup{g})...)
		}
	}
	return out
}

// Add merges e into m under e.Owner.
func (m ConferenceSourceMap) Add(e EndpointSources) {
	cur, ok := m[e.Owner]
	if !ok {
		cur = EndpointSources{Owner: e.Owner}
	}
	m[e.Owner] = cur.Merge(e)
}

// Remove subtracts e from the sources of e.Owner and drops the owner when
// nothing is left.
func (m ConferenceSourceMap) Remove(e EndpointSources) {
	cur, ok := m[e.Owner]
	if !ok {
		return
	}
	if cur = cur.Subtract(e); cur.IsEmpty() {
		delete(m, e.Owner)
		return
	}
	m[e.Owner] = cur
}

// Owners lists the owners in sorted order, the order every encoder uses.
func (m ConferenceSourceMap) Owners() []string {
	out := make([]string, 0, len(m))
	for o := range m {
		out = append(out, o)
	}
	sort.Strings(out)
	return out
}

// Copy returns a deep copy of m.
func (m ConferenceSourceMap) Copy() ConferenceSourceMap {
	out := make(ConferenceSourceMap, len(m))
	for o, e := range m {
		out[o] = e.clone()
	}
	return out
}

func (e EndpointSources) clone() EndpointSources {
	out := EndpointSources{Owner: e.Owner}
	out.Audio = cloneSources(e.Audio)
	out.Video = cloneSources(e.Video)
	out.AudioGroups = cloneGroups(e.AudioGroups)
	out.VideoGroups = cloneGroups(e.VideoGroups)
	return out
}

func cloneSources(in []Source) []Source {
	if in == nil {
		return nil
	}
	out := make([]Source, len(in))
	for i, s := range in {
		s.Parameters = slices.Clone(s.Parameters)
		s.Extra = slices.Clone(s.Extra)
		if s.Info != nil {
			info := *s.Info
			s.Info = &info
		}
		out[i] = s
	}
	return out
}

func cloneGroups(in []SSRCGroup) []SSRCGroup {
	if in == nil {
		return nil
	}
	out := make([]SSRCGroup, len(in))
	for i, g := range in {
		out[i] = SSRCGroup{Semantics: g.Semantics, Sources: slices.Clone(g.Sources)}
	}
	return out
}
