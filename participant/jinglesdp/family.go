package jinglesdp

import (
	"slices"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// family is a source with every source an ssrc-group ties to it: what one
// remote m-line carries.
type family struct {
	owner   string
	sources []jingle.Source
	groups  []jingle.SSRCGroup
}

// familiesOf splits the sources of one media type into families: the
// bridge's feedback sources first, then the owners in sorted order, each in
// signalling order.
func familiesOf(m jingle.ConferenceSourceMap, media string) []family {
	var jvb, users []family
	for _, owner := range m.Owners() {
		e := m[owner]
		srcs, groups := e.Audio, e.AudioGroups
		if media == jingle.MediaVideo {
			srcs, groups = e.Video, e.VideoGroups
		}
		for _, f := range splitFamilies(owner, srcs, groups) {
			if isFeedback(owner, f.sources[0]) {
				jvb = append(jvb, f)
			} else {
				users = append(users, f)
			}
		}
	}
	return append(jvb, users...)
}

// splitFamilies groups srcs by the connected components of groups.
func splitFamilies(owner string, srcs []jingle.Source, groups []jingle.SSRCGroup) []family {
	root := make(map[uint32]uint32, len(srcs))
	for _, s := range srcs {
		root[s.SSRC] = s.SSRC
	}
	var find func(uint32) uint32
	find = func(x uint32) uint32 {
		if r, ok := root[x]; ok && r != x {
			root[x] = find(r)
			return root[x]
		}
		return x
	}
	for _, g := range groups {
		for _, r := range g.Sources[min(1, len(g.Sources)):] {
			if _, ok := root[r.SSRC]; ok {
				root[find(r.SSRC)] = find(g.Sources[0].SSRC)
			}
		}
	}
	var out []family
	index := map[uint32]int{}
	for _, s := range srcs {
		r := find(s.SSRC)
		k, ok := index[r]
		if !ok {
			k = len(out)
			index[r] = k
			out = append(out, family{owner: owner})
		}
		out[k].sources = append(out[k].sources, s)
	}
	for _, g := range groups {
		if len(g.Sources) == 0 {
			continue
		}
		if k, ok := index[find(g.Sources[0].SSRC)]; ok {
			out[k].groups = append(out[k].groups, g)
		}
	}
	return out
}

// hasSSRC reports whether any live section carries ssrc.
func (o *Offer) hasSSRC(ssrc uint32) bool {
	for _, s := range o.sections {
		if !s.rejected && slices.ContainsFunc(s.sources, func(x jingle.Source) bool { return x.SSRC == ssrc }) {
			return true
		}
	}
	return false
}

// AddSources adds one sendonly m-line per new source family, as
// lib-jitsi-meet does on source-add; SSRCs already signalled are skipped. It
// returns the mids it added.
func (o *Offer) AddSources(m jingle.ConferenceSourceMap) ([]string, error) {
	if err := o.checkMedia(m); err != nil {
		return nil, err
	}
	var mids []string
	for _, media := range []string{jingle.MediaAudio, jingle.MediaVideo} {
		for _, f := range familiesOf(m, media) {
			f.sources = slices.DeleteFunc(f.sources, func(s jingle.Source) bool { return o.hasSSRC(s.SSRC) })
			if len(f.sources) == 0 {
				continue
			}
			mids = append(mids, itoa(len(o.sections)))
			o.sections = append(o.sections, section{tmpl: o.template(media), owner: f.owner,
				sources: f.sources, groups: f.groups, dir: "sendonly"})
		}
	}
	if len(mids) > 0 {
		o.Version++
	}
	return mids, nil
}

// RemoveSources rejects every live m-line that carries one of the SSRCs of
// m (port 0, inactive, no sources), as lib-jitsi-meet does on source-remove,
// and returns their mids. The first m-line of a media type stays: only its
// sources go.
func (o *Offer) RemoveSources(m jingle.ConferenceSourceMap) []string {
	gone := map[uint32]bool{}
	for _, e := range m {
		for _, s := range e.SSRCs() {
			gone[s] = true
		}
	}
	var mids []string
	for i := range o.sections {
		s := &o.sections[i]
		if s.rejected || !slices.ContainsFunc(s.sources, func(x jingle.Source) bool { return gone[x.SSRC] }) {
			continue
		}
		mids = append(mids, itoa(i))
		s.sources, s.groups, s.owner = nil, nil, ""
		if o.template(o.templates[s.tmpl].media) >= 0 && o.firstOf(i) {
			continue
		}
		s.rejected, s.dir = true, "inactive"
	}
	if len(mids) > 0 {
		o.Version++
	}
	return mids
}

// firstOf reports whether section i is the first m-line of its media type.
func (o *Offer) firstOf(i int) bool {
	for k := range i {
		if o.templates[o.sections[k].tmpl].media == o.templates[o.sections[i].tmpl].media {
			return false
		}
	}
	return true
}

// SetTransport replaces the bridge transport (a transport-info after an ICE
// restart, or a move).
func (o *Offer) SetTransport(t jingle.ICEUDPTransport) {
	t.SCTPMap = nil
	o.Transport = t
	o.Version++
}
