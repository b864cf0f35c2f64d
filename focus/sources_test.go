package focus

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/jingle"
)

func TestSourceMapTryAdd(t *testing.T) {
	tests := []struct {
		name  string
		owner string
		add   jingle.EndpointSources
		want  error
	}{
		{"ok", "bbbb", clientSources("bbbb", 2000), nil},
		{"ssrc-of-other", "bbbb", jingle.EndpointSources{Owner: "bbbb",
			Audio: []jingle.Source{jingle.NewSource(1000, "b-a0", "b1 b2", "")}}, jingle.ErrSSRCConflict},
		{"ssrc-again-same-owner", "aaaa", jingle.EndpointSources{Owner: "aaaa",
			Audio: []jingle.Source{jingle.NewSource(1000, "aaaa-a0", "x y", "")}}, jingle.ErrSSRCConflict},
		{"msid-of-other", "bbbb", jingle.EndpointSources{Owner: "bbbb",
			Audio: []jingle.Source{jingle.NewSource(77, "b-a0", "aaaa-stream aaaa-audio", "")}}, jingle.ErrMSIDConflict},
		{"zero", "bbbb", jingle.EndpointSources{Owner: "bbbb", Audio: []jingle.Source{jingle.NewSource(0, "", "", "")}},
			jingle.ErrInvalidSSRC},
		{"too-many", "aaaa", manySources("aaaa", 14), jingle.ErrTooManySources},
		{"bad-fid", "bbbb", func() jingle.EndpointSources {
			e := manySources("bbbb", 3)
			e.AudioGroups = []jingle.SSRCGroup{jingle.NewGroup(jingle.SemanticsFID, 9000, 9001, 9002)}
			return e
		}(), jingle.ErrInvalidFIDGroup},
		{"group-unknown-member", "bbbb", func() jingle.EndpointSources {
			e := manySources("bbbb", 1)
			e.AudioGroups = []jingle.SSRCGroup{jingle.NewGroup(jingle.SemanticsFID, 9000, 4)}
			return e
		}(), jingle.ErrGroupUnknownSource},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sm := newSourceMap(20, 20, true)
			if _, err := sm.tryAdd("aaaa", clientSources("aaaa", 1000)); err != nil {
				t.Fatal(err)
			}
			before := sm.get(tt.owner).SSRCs()
			_, err := sm.tryAdd(tt.owner, tt.add)
			if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if err != nil && !slices.Equal(sm.get(tt.owner).SSRCs(), before) {
				t.Fatal("rejected change was half applied")
			}
			if err := sm.m.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestSourceMapTryRemove(t *testing.T) {
	sm := newSourceMap(20, 20, true)
	for i, o := range []string{"aaaa", "bbbb"} {
		if _, err := sm.tryAdd(o, clientSources(o, uint32(1000*(i+1)))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sm.tryRemove("aaaa", clientSources("bbbb", 2000)); !errors.Is(err, ErrSourceNotOwned) {
		t.Fatalf("removing another's sources: %v", err)
	}
	g := jingle.EndpointSources{Owner: "aaaa", VideoGroups: []jingle.SSRCGroup{jingle.NewGroup(jingle.SemanticsFID, 1, 2)}}
	if _, err := sm.tryRemove("aaaa", g); !errors.Is(err, ErrGroupNotOwned) {
		t.Fatalf("removing unknown group: %v", err)
	}
	// Removing one simulcast layer leaves two groups with one msid: jicofo
	// rejects the result, and nothing changes.
	layer := jingle.EndpointSources{Owner: "aaaa", Video: []jingle.Source{jingle.NewSource(1011, "", "", "")}}
	if _, err := sm.tryRemove("aaaa", layer); !errors.Is(err, jingle.ErrMSIDConflict) {
		t.Fatalf("removing one layer: %v", err)
	}
	// Removing the camera's SSRCs (as a client does, without the groups)
	// takes its groups with it.
	cam := clientSources("aaaa", 1000)
	cam.Audio, cam.VideoGroups = nil, nil
	removed, err := sm.tryRemove("aaaa", cam)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed.Video) != 6 || len(removed.VideoGroups) != 4 {
		t.Fatalf("removed %+v", removed)
	}
	if got := len(sm.get("aaaa").SSRCs()); got != 1 {
		t.Fatalf("aaaa has %d ssrcs", got)
	}
	if _, ok := sm.signaled("bbbb")["aaaa"]; !ok || sm.signaled("aaaa")["aaaa"].Owner != "" {
		t.Fatal("signaled() must hold every other owner")
	}
	sm.removeOwner("aaaa")
	if _, err := sm.tryAdd("bbbb", jingle.EndpointSources{Owner: "bbbb",
		Audio: []jingle.Source{jingle.NewSource(1000, "", "", "")}}); err != nil {
		t.Fatalf("ssrc of a departed owner is free again: %v", err)
	}
}

func TestSourceSignalingQueue(t *testing.T) {
	s := newSourceSignaling()
	base := jingle.ConferenceSourceMap{}
	base.Add(clientSources("aaaa", 1000).StripSimulcast())
	s.reset(base)
	b := jingle.ConferenceSourceMap{}
	b.Add(clientSources("bbbb", 2000).StripSimulcast())
	s.add(b)    // bbbb joins while pending…
	s.remove(b) // …and leaves again: nothing to send
	rm, add := s.update()
	if len(rm) != 0 || len(add) != 0 {
		t.Fatalf("got remove %v add %v", rm, add)
	}
	s.add(b)
	a := jingle.ConferenceSourceMap{}
	a.Add(clientSources("aaaa", 1000).StripSimulcast())
	s.remove(a)
	rm, add = s.update()
	if ssrcList(rm["aaaa"]) != "[1000 1010 1020]" || ssrcList(add["bbbb"]) != "[2000 2010 2020]" || len(rm)+len(add) != 2 {
		t.Fatalf("got remove %v add %v", rm, add)
	}
	if rm, add = s.update(); len(rm)+len(add) != 0 {
		t.Fatal("second update not empty")
	}
}

func TestRateLimit(t *testing.T) {
	r := rateLimit{cfg: config.RateLimit{MinInterval: 5 * time.Second, MaxRequests: 3, Interval: time.Minute}}
	t0 := time.Unix(0, 0)
	steps := []struct {
		at   time.Duration
		want bool
	}{{0, true}, {time.Second, false}, {5 * time.Second, true}, {10 * time.Second, true},
		{15 * time.Second, false}, {61 * time.Second, true}, {62 * time.Second, false}}
	for _, s := range steps {
		if got := r.accept(t0.Add(s.at)); got != s.want {
			t.Fatalf("at %v: got %v, want %v", s.at, got, s.want)
		}
	}
}
