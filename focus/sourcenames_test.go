package focus

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// unnamed strips the source names, as lib-jitsi-meet before source-name
// signalling (the Dec 2021 build) sends its session-accept.
func unnamed(srcs []jingle.Source, msid bool) []jingle.Source {
	out := make([]jingle.Source, len(srcs))
	for i, s := range srcs {
		m := ""
		if msid {
			m = s.MSID()
		}
		out[i] = jingle.NewSource(s.SSRC, "", m, "")
	}
	return out
}

func TestSourcesToColibriUnnamed(t *testing.T) {
	full := clientSources("ep1", 5000)
	twoCams := clientSources("ep1", 5000)
	twoCams.Video = append(unnamed(twoCams.Video, false), jingle.NewSource(7000, "", "", ""))
	tests := []struct {
		name string
		src  jingle.EndpointSources
		want map[string]int // media-source name → number of SSRCs
	}{
		{"simulcast+rtx by groups, no msid",
			jingle.EndpointSources{Owner: "ep1", Audio: unnamed(full.Audio, false), Video: unnamed(full.Video, false), VideoGroups: full.VideoGroups},
			map[string]int{"ep1-a0": 1, "ep1-v0": 6}},
		{"by msid only",
			jingle.EndpointSources{Owner: "ep1", Audio: unnamed(full.Audio, true), Video: unnamed(full.Video, true)},
			map[string]int{"ep1-a0": 1, "ep1-v0": 6}},
		{"second ungrouped video ssrc is a second source",
			jingle.EndpointSources{Owner: "ep1", Video: twoCams.Video, VideoGroups: full.VideoGroups},
			map[string]int{"ep1-v0": 6, "ep1-v1": 1}},
		{"named sources keep their names",
			full, map[string]int{"ep1-a0": 1, "ep1-v0": 6}},
		{"unnamed next to a named v0 gets v1",
			jingle.EndpointSources{Owner: "ep1", Video: []jingle.Source{jingle.NewSource(1, "ep1-v0", "", ""), jingle.NewSource(2, "", "", "")}},
			map[string]int{"ep1-v0": 1, "ep1-v1": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := SourcesToColibri(tt.src)
			got := map[string]int{}
			for _, ms := range c.MediaSources {
				got[ms.ID] = len(ms.Sources)
				member := map[uint32]bool{}
				for _, s := range ms.Sources {
					member[s.SSRC] = true
				}
				for _, g := range ms.SSRCGroups {
					for _, s := range g.Sources {
						if !member[s.SSRC] {
							t.Errorf("%s: group %s has ssrc %d of another source", ms.ID, g.Semantics, s.SSRC)
						}
					}
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("media sources %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("media sources %v, want %v", got, tt.want)
				}
			}
		})
	}
}
