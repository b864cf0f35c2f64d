package jingle

import (
	"slices"
	"strings"
)

// mergeSources appends the sources of add whose SSRC is not in have yet.
func mergeSources(have, add []Source) []Source {
	for _, s := range add {
		if !slices.ContainsFunc(have, func(h Source) bool { return h.SSRC == s.SSRC }) {
			have = append(have, cloneSources([]Source{s})[0])
		}
	}
	return have
}

// mergeGroups appends the groups of add that are not in have yet.
func mergeGroups(have, add []SSRCGroup) []SSRCGroup {
	for _, g := range add {
		if !slices.ContainsFunc(have, func(h SSRCGroup) bool { return sameGroup(h, g) }) {
			have = append(have, cloneGroups([]SSRCGroup{g})[0])
		}
	}
	return have
}

// keepSources returns the sources whose SSRC is not in gone.
func keepSources(in []Source, gone map[uint32]bool) []Source {
	var out []Source
	for _, s := range in {
		if !gone[s.SSRC] {
			out = append(out, cloneSources([]Source{s})[0])
		}
	}
	return out
}

// keepGroups returns the groups that are neither named in drop nor lose a
// member to gone.
func keepGroups(in, drop []SSRCGroup, gone map[uint32]bool) []SSRCGroup {
	var out []SSRCGroup
	for _, g := range in {
		named := slices.ContainsFunc(drop, func(d SSRCGroup) bool { return sameGroup(d, g) })
		if !named && !groupTouches(g, gone) {
			out = append(out, cloneGroups([]SSRCGroup{g})[0])
		}
	}
	return out
}

// sameGroup compares semantics (case-insensitively, as jicofo parses them)
// and members in order.
func sameGroup(a, b SSRCGroup) bool {
	return canonicalSemantics(a.Semantics) == canonicalSemantics(b.Semantics) && slices.Equal(a.Sources, b.Sources)
}

// groupTouches reports whether any member of g is in set.
func groupTouches(g SSRCGroup, set map[uint32]bool) bool {
	for _, r := range g.Sources {
		if set[r.SSRC] {
			return true
		}
	}
	return false
}

// canonicalSemantics maps sim/fid in any case to SIM/FID and returns "" for
// anything else.
func canonicalSemantics(s string) string {
	switch {
	case strings.EqualFold(s, SemanticsSIM):
		return SemanticsSIM
	case strings.EqualFold(s, SemanticsFID):
		return SemanticsFID
	}
	return ""
}
