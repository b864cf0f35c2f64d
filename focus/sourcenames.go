package focus

import (
	"fmt"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// sourceNames names every SSRC of one media kind of an endpoint. A named
// <source> keeps its name. Clients without source-name signalling (lib-jitsi-
// meet before 2022 sends <source ssrc> without name) get the name
// "<owner>-<a|v><k>", lib-jitsi-meet's own scheme: SSRCs joined by an SSRC
// group (SIM layers and their FID RTX) or sharing an msid are one source,
// and k counts those sources in order of appearance.
func sourceNames(owner, media string, srcs []jingle.Source, groups []jingle.SSRCGroup) map[uint32]string {
	parent := map[uint32]uint32{}
	var find func(x uint32) uint32
	find = func(x uint32) uint32 {
		if p, ok := parent[x]; ok && p != x {
			r := find(p)
			parent[x] = r
			return r
		}
		return x
	}
	union := func(a, b uint32) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[rb] = ra
		}
	}
	named := map[string]bool{}
	byMSID := map[string]uint32{}
	for _, s := range srcs {
		if s.Name != "" {
			named[s.Name] = true
			continue
		}
		parent[s.SSRC] = s.SSRC
		if m := s.MSID(); m != "" {
			if first, ok := byMSID[m]; ok {
				union(first, s.SSRC)
			} else {
				byMSID[m] = s.SSRC
			}
		}
	}
	for _, g := range groups {
		for i := 1; i < len(g.Sources); i++ {
			a, b := g.Sources[0].SSRC, g.Sources[i].SSRC
			if _, ok := parent[a]; !ok {
				continue
			}
			if _, ok := parent[b]; ok {
				union(a, b)
			}
		}
	}
	names := map[uint32]string{}
	rootName := map[uint32]string{}
	k := 0
	for _, s := range srcs {
		if s.Name != "" {
			names[s.SSRC] = s.Name
			continue
		}
		r := find(s.SSRC)
		name, ok := rootName[r]
		for !ok {
			name = fmt.Sprintf("%s-%s%d", owner, media[:1], k)
			k++
			ok = !named[name]
		}
		rootName[r] = name
		names[s.SSRC] = name
	}
	return names
}
