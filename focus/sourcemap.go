package focus

import (
	"fmt"
	"slices"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// sourceMap holds the sources of every participant of a conference and
// validates changes the way jicofo's ValidatingConferenceSourceMap does: an
// SSRC belongs to one endpoint, an msid to one endpoint, and an endpoint stays
// within max-ssrcs-per-user and max-ssrc-groups-per-user. A change is either
// applied whole or rejected with nothing applied.
type sourceMap struct {
	maxSSRCs, maxGroups int
	m                   jingle.ConferenceSourceMap
	ssrcOwner           map[uint32]string
	msidOwner           map[string]string
	// strip is jicofo.conference.strip-simulcast; signal caches each owner's
	// sources as signalled to others (stripped), so offers need no copying.
	strip  bool
	signal jingle.ConferenceSourceMap
}

func newSourceMap(maxSSRCs, maxGroups int, strip bool) *sourceMap {
	return &sourceMap{maxSSRCs: maxSSRCs, maxGroups: maxGroups, m: jingle.ConferenceSourceMap{},
		ssrcOwner: map[uint32]string{}, msidOwner: map[string]string{}, strip: strip,
		signal: jingle.ConferenceSourceMap{}}
}

// get returns owner's sources (a value that shares slices with the map: do
// not modify).
func (s *sourceMap) get(owner string) jingle.EndpointSources {
	if e, ok := s.m[owner]; ok {
		return e
	}
	return jingle.EndpointSources{Owner: owner}
}

// tryAdd validates and applies sources owner signals, returning those
// accepted (empty and already known groups are ignored, as jicofo does).
func (s *sourceMap) tryAdd(owner string, add jingle.EndpointSources) (jingle.EndpointSources, error) {
	existing := s.get(owner)
	srcs := slices.Concat(add.Audio, add.Video)
	for _, src := range srcs {
		if src.SSRC == 0 {
			return add, &jingle.SourceError{Err: jingle.ErrInvalidSSRC, Owner: owner}
		}
		if other, ok := s.ssrcOwner[src.SSRC]; ok {
			return add, &jingle.SourceError{Err: jingle.ErrSSRCConflict, Owner: owner, SSRC: src.SSRC, OtherOwner: other}
		}
		if other, ok := s.msidOwner[src.MSID()]; ok && src.MSID() != "" && other != owner {
			return add, &jingle.SourceError{Err: jingle.ErrMSIDConflict, Owner: owner, MSID: src.MSID(), OtherOwner: other}
		}
	}
	accepted := jingle.EndpointSources{Owner: owner, Audio: add.Audio, Video: add.Video,
		AudioGroups: newGroups(add.AudioGroups, existing.AudioGroups),
		VideoGroups: newGroups(add.VideoGroups, existing.VideoGroups)}
	result := existing.Merge(accepted)
	if n := len(existing.Audio) + len(existing.Video) + len(srcs); n > s.maxSSRCs {
		return add, &jingle.SourceError{Err: fmt.Errorf("%w: %d sources, limit %d", jingle.ErrTooManySources, n, s.maxSSRCs), Owner: owner}
	}
	if err := result.CheckLimits(s.maxSSRCs, s.maxGroups); err != nil {
		return add, err
	}
	if err := result.Validate(); err != nil {
		return add, err
	}
	s.set(owner, result)
	return accepted, nil
}

// newGroups returns the non-empty groups of add that have is not holding yet.
func newGroups(add, have []jingle.SSRCGroup) []jingle.SSRCGroup {
	var out []jingle.SSRCGroup
	for _, g := range add {
		if len(g.Sources) > 0 && !containsGroup(have, g) && !containsGroup(out, g) {
			out = append(out, g)
		}
	}
	return out
}

func containsGroup(gs []jingle.SSRCGroup, g jingle.SSRCGroup) bool {
	return slices.ContainsFunc(gs, func(h jingle.SSRCGroup) bool {
		return h.Semantics == g.Semantics && slices.Equal(h.Sources, g.Sources)
	})
}

// tryRemove validates and applies a source-remove: every SSRC must be one of
// owner's sources and every named group one of its groups. Groups that lose a
// member go too. It returns what was removed.
func (s *sourceMap) tryRemove(owner string, rm jingle.EndpointSources) (jingle.EndpointSources, error) {
	removed := jingle.EndpointSources{Owner: owner}
	if rm.IsEmpty() {
		return removed, nil
	}
	existing := s.get(owner)
	for _, src := range slices.Concat(rm.Audio, rm.Video) {
		if !slices.Contains(existing.SSRCs(), src.SSRC) {
			return removed, fmt.Errorf("%w: ssrc %d of %s (owner %q)", ErrSourceNotOwned, src.SSRC, owner, s.ssrcOwner[src.SSRC])
		}
	}
	for _, g := range slices.Concat(rm.AudioGroups, rm.VideoGroups) {
		if !containsGroup(existing.AudioGroups, g) && !containsGroup(existing.VideoGroups, g) {
			return removed, fmt.Errorf("%w: %s %v of %s", ErrGroupNotOwned, g.Semantics, g.SSRCs(), owner)
		}
	}
	result := existing.Subtract(rm)
	if err := result.Validate(); err != nil {
		return removed, err
	}
	removed = difference(existing, result)
	s.set(owner, result)
	return removed, nil
}

// difference returns the sources and groups of a that b lacks.
func difference(a, b jingle.EndpointSources) jingle.EndpointSources {
	keep := func(srcs []jingle.Source, in []jingle.Source) []jingle.Source {
		var out []jingle.Source
		for _, s := range srcs {
			if !slices.ContainsFunc(in, func(t jingle.Source) bool { return t.SSRC == s.SSRC }) {
				out = append(out, s)
			}
		}
		return out
	}
	keepG := func(gs, in []jingle.SSRCGroup) []jingle.SSRCGroup {
		var out []jingle.SSRCGroup
		for _, g := range gs {
			if !containsGroup(in, g) {
				out = append(out, g)
			}
		}
		return out
	}
	return jingle.EndpointSources{Owner: a.Owner, Audio: keep(a.Audio, b.Audio), Video: keep(a.Video, b.Video),
		AudioGroups: keepG(a.AudioGroups, b.AudioGroups), VideoGroups: keepG(a.VideoGroups, b.VideoGroups)}
}

// removeOwner drops every source of owner and returns them.
func (s *sourceMap) removeOwner(owner string) jingle.EndpointSources {
	e := s.get(owner)
	s.set(owner, jingle.EndpointSources{Owner: owner})
	return e
}

// signaled returns every owner's sources except one, as signalled to other
// participants (simulcast stripped when configured). The map is new; its
// values share slices with the source map and must not be modified.
func (s *sourceMap) signaled(except string) jingle.ConferenceSourceMap {
	out := make(jingle.ConferenceSourceMap, len(s.signal)+1)
	for owner, e := range s.signal {
		if owner != except {
			out[owner] = e
		}
	}
	return out
}

// set replaces owner's sources and re-indexes SSRC and msid ownership.
func (s *sourceMap) set(owner string, e jingle.EndpointSources) {
	for _, src := range slices.Concat(s.get(owner).Audio, s.get(owner).Video) {
		delete(s.ssrcOwner, src.SSRC)
		if s.msidOwner[src.MSID()] == owner {
			delete(s.msidOwner, src.MSID())
		}
	}
	if e.IsEmpty() {
		delete(s.m, owner)
		delete(s.signal, owner)
		return
	}
	s.m[owner] = e
	if s.strip {
		s.signal[owner] = e.StripSimulcast()
	} else {
		s.signal[owner] = e
	}
	for _, src := range slices.Concat(e.Audio, e.Video) {
		s.ssrcOwner[src.SSRC] = owner
		if msid := src.MSID(); msid != "" {
			s.msidOwner[msid] = owner
		}
	}
}

// senders counts the endpoints with audio and with video sources.
func (s *sourceMap) senders() (audio, video int) {
	for _, e := range s.m {
		if len(e.Audio) > 0 {
			audio++
		}
		if len(e.Video) > 0 {
			video++
		}
	}
	return audio, video
}
