package jingle

import (
	"fmt"
	"slices"
)

// SourceError is a validation failure: which rule (Err, one of the source
// sentinels in errors.go) and where. errors.Is(err, ErrDuplicateSSRC) works.
type SourceError struct {
	Err   error
	Owner string
	SSRC  uint32
	SSRCs []uint32
	MSID  string
	// OtherOwner is the owner already holding the SSRC or msid (conflicts).
	OtherOwner string
}

// Error implements error.
func (e *SourceError) Error() string {
	msg := e.Err.Error()
	if e.Owner != "" {
		msg += fmt.Sprintf(" (owner %q)", e.Owner)
	}
	if e.OtherOwner != "" {
		msg += fmt.Sprintf(" (already used by %q)", e.OtherOwner)
	}
	switch {
	case e.SSRCs != nil:
		msg += fmt.Sprintf(": ssrcs %v", e.SSRCs)
	case e.MSID != "":
		msg += fmt.Sprintf(": msid %q", e.MSID)
	default:
		msg += fmt.Sprintf(": ssrc %d", e.SSRC)
	}
	return msg
}

// Unwrap returns the rule's sentinel.
func (e *SourceError) Unwrap() error { return e.Err }

// Validate checks e the way jicofo validates what an endpoint signals:
// no SSRC 0, no SSRC twice, SIM/FID groups only, no empty group, FID groups of
// two, group members that are sources of the same media with one common
// msid, and no msid shared by two independent sources of one media type.
func (e EndpointSources) Validate() error {
	seen := make(map[uint32]bool, len(e.Audio)+len(e.Video))
	for _, s := range slices.Concat(e.Audio, e.Video) {
		if s.SSRC == 0 {
			return &SourceError{Err: ErrInvalidSSRC, Owner: e.Owner}
		}
		if seen[s.SSRC] {
			return &SourceError{Err: ErrDuplicateSSRC, Owner: e.Owner, SSRC: s.SSRC}
		}
		seen[s.SSRC] = true
	}
	if err := validateMedia(e.Owner, e.Audio, e.AudioGroups); err != nil {
		return err
	}
	return validateMedia(e.Owner, e.Video, e.VideoGroups)
}

// CheckLimits reports ErrTooManySources when e has more than maxSSRCs
// sources or maxGroups groups (jicofo's max-ssrcs-per-user and
// max-ssrc-groups-per-user).
func (e EndpointSources) CheckLimits(maxSSRCs, maxGroups int) error {
	if n := len(e.Audio) + len(e.Video); n > maxSSRCs {
		return &SourceError{Err: fmt.Errorf("%w: %d sources, limit %d", ErrTooManySources, n, maxSSRCs), Owner: e.Owner}
	}
	if n := len(e.AudioGroups) + len(e.VideoGroups); n > maxGroups {
		return &SourceError{Err: fmt.Errorf("%w: %d groups, limit %d", ErrTooManySources, n, maxGroups), Owner: e.Owner}
	}
	return nil
}

// Validate checks every endpoint of m, that each key matches its Owner, and
// that no SSRC or msid is used by two owners.
func (m ConferenceSourceMap) Validate() error {
	ssrcOwner := make(map[uint32]string)
	msidOwner := make(map[string]string)
	for _, owner := range m.Owners() {
		e := m[owner]
		if e.Owner != owner {
			return &SourceError{Err: ErrMissingOwner, Owner: owner}
		}
		if err := e.Validate(); err != nil {
			return err
		}
		for _, s := range slices.Concat(e.Audio, e.Video) {
			if other, ok := ssrcOwner[s.SSRC]; ok {
				return &SourceError{Err: ErrSSRCConflict, Owner: owner, SSRC: s.SSRC, OtherOwner: other}
			}
			ssrcOwner[s.SSRC] = owner
			if msid := s.MSID(); msid != "" {
				if other, ok := msidOwner[msid]; ok && other != owner {
					return &SourceError{Err: ErrMSIDConflict, Owner: owner, MSID: msid, OtherOwner: other}
				}
				msidOwner[msid] = owner
			}
		}
	}
	return nil
}

func validateMedia(owner string, srcs []Source, groups []SSRCGroup) error {
	bySSRC := make(map[uint32]Source, len(srcs))
	for _, s := range srcs {
		bySSRC[s.SSRC] = s
	}
	for _, g := range groups {
		if err := validateGroup(owner, g, bySSRC); err != nil {
			return err
		}
	}
	return checkMSIDConflicts(owner, srcs, groups)
}

func validateGroup(owner string, g SSRCGroup, bySSRC map[uint32]Source) error {
	sem := canonicalSemantics(g.Semantics)
	fail := func(err error) error { return &SourceError{Err: err, Owner: owner, SSRCs: g.SSRCs()} }
	switch {
	case sem == "":
		return &SourceError{Err: fmt.Errorf("%w: %q", ErrInvalidSemantics, g.Semantics), Owner: owner, SSRCs: g.SSRCs()}
	case len(g.Sources) == 0:
		return fail(ErrEmptyGroup)
	case sem == SemanticsFID && len(g.Sources) != 2:
		return fail(ErrInvalidFIDGroup)
	}
	msid := ""
	for i, r := range g.Sources {
		s, ok := bySSRC[r.SSRC]
		switch {
		case !ok:
			return fail(ErrGroupUnknownSource)
		case s.MSID() == "":
			return &SourceError{Err: ErrMissingMSID, Owner: owner, SSRC: r.SSRC}
		case i == 0:
			msid = s.MSID()
		case s.MSID() != msid:
			return fail(ErrGroupMSIDMismatch)
		}
	}
	return nil
}

// checkMSIDConflicts gives each source the key of its extended group (its SIM
// group, the SIM group of its FID primary, its FID group, or itself) and
// requires the msids of distinct keys to differ.
func checkMSIDConflicts(owner string, srcs []Source, groups []SSRCGroup) error {
	keyMSID := make(map[string]string)
	var order []string
	for _, s := range srcs {
		if s.MSID() == "" {
			continue
		}
		k := extendedGroupKey(s.SSRC, groups)
		if _, ok := keyMSID[k]; !ok {
			keyMSID[k] = s.MSID()
			order = append(order, k)
		}
	}
	seen := make(map[string]bool, len(order))
	for _, k := range order {
		if seen[keyMSID[k]] {
			return &SourceError{Err: ErrMSIDConflict, Owner: owner, MSID: keyMSID[k]}
		}
		seen[keyMSID[k]] = true
	}
	return nil
}

func extendedGroupKey(ssrc uint32, groups []SSRCGroup) string {
	if i := groupWith(groups, SemanticsSIM, ssrc); i >= 0 {
		return fmt.Sprint("sim", i)
	}
	if i := groupWith(groups, SemanticsFID, ssrc); i >= 0 {
		f := groups[i].Sources
		if len(f) > 1 && f[1].SSRC == ssrc {
			if j := groupWith(groups, SemanticsSIM, f[0].SSRC); j >= 0 {
				return fmt.Sprint("sim", j)
			}
		}
		return fmt.Sprint("fid", i)
	}
	return fmt.Sprint("ssrc", ssrc)
}

// groupWith returns the index of the first group with the given semantics
// that contains ssrc, or -1.
func groupWith(groups []SSRCGroup, sem string, ssrc uint32) int {
	for i, g := range groups {
		if canonicalSemantics(g.Semantics) == sem && slices.Contains(g.Sources, SourceRef{SSRC: ssrc}) {
			return i
		}
	}
	return -1
}
