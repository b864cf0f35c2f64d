package sfu

import (
	"slices"
	"testing"
)

// waitEvent reads SFU events until match accepts one.
func waitEvent(t *testing.T, s *SFU, match func(Event) bool) Event {
	t.Helper()
	ctx := testCtx(t)
	for {
		select {
		case ev := <-s.Events():
			if match(ev) {
				return ev
			}
		case <-ctx.Done():
			t.Fatal("event never came")
		}
	}
}

func TestLastNSelectedSources(t *testing.T) {
	s := newTestSFU(t, Config{})
	_, cs := newCall(testCtx(t), t, s, 3)
	warmUp(t, cs)
	a, b, c := cs[0], cs[1], cs[2]
	b.ep.SetReceiverConstraints(ReceiverConstraints{LastN: 1, SelectedSources: []string{c.id + "-v0"}, DefaultMaxHeight: 720})
	waitEvent(t, s, func(ev Event) bool {
		e, ok := ev.(ForwardedSourcesChanged)
		return ok && e.Endpoint == b.id && slices.Equal(e.Sources, []string{c.id + "-v0"})
	})
	downs := *b.ep.downs.Load()
	for src, d := range downs {
		want := int32(-1)
		if src.name == c.id+"-v0" || src.kind == Audio {
			want = 0
		}
		if got := d.target.Load(); got != want {
			t.Errorf("%s -> b: target %d, want %d", src.name, got, want)
		}
	}
	ctx := testCtx(t)
	c.sendVideo(t, "selected")
	a.sendAudio(t, "audio-still-flows", 0)
	b.waitAll(ctx, t, "selected", "audio-still-flows")
}

func TestDominantSpeaker(t *testing.T) {
	s := newTestSFU(t, Config{})
	_, cs := newCall(testCtx(t), t, s, 3)
	warmUp(t, cs)
	for range 20 {
		cs[1].sendAudio(t, "loud", 10)
		cs[0].sendAudio(t, "quiet", 127)
	}
	ev := waitEvent(t, s, func(ev Event) bool { _, ok := ev.(DominantSpeakerChanged); return ok }).(DominantSpeakerChanged)
	if ev.Endpoint != cs[1].id {
		t.Fatalf("dominant speaker %q, want %q", ev.Endpoint, cs[1].id)
	}
	if got := s.Stats().Dropped["silence"]; got == 0 {
		t.Error("silence was not dropped")
	}
}
