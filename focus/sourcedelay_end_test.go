package focus

import (
	"slices"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// TestDelayedFlushDroppedOnLeave: every participant has a flush pending when
// bbbb leaves; its timer ends at once, and the others get the net change.
func TestDelayedFlushDroppedOnLeave(t *testing.T) {
	h := threeActiveDelayed(t)
	h.wantResult("aaaa", sourceIQ(h, "aaaa", jingle.ActionSourceAdd, extraAudio("aaaa", 777)))
	h.wantResult("bbbb", sourceIQ(h, "bbbb", jingle.ActionSourceAdd, extraAudio("bbbb", 888)))
	h.waitTimers(3)
	n := len(h.jingleTo("bbbb"))
	h.leave("bbbb")
	h.waitTimers(2) // bbbb's flush is gone without the clock moving
	h.advance(500*time.Millisecond, 0)
	if got := len(h.jingleTo("bbbb")); got != n {
		t.Fatalf("bbbb got %d requests after it left", got-n)
	}
	// aaaa never saw 888: only bbbb's signalled sources are removed.
	// (its one source-add is bbbb's and cccc's, batched in the setup)
	wantActions(t, h, "aaaa", jingle.ActionSessionInitiate, jingle.ActionSourceAdd, jingle.ActionSourceRemove)
	wantSSRCs(t, h.last("aaaa", jingle.ActionSourceRemove), "bbbb", 2000, 2010, 2020)
	wantSSRCs(t, h.last("cccc", jingle.ActionSourceRemove), "bbbb", 2000, 2010, 2020)
	wantSSRCs(t, h.last("cccc", jingle.ActionSourceAdd), "aaaa", 777)
	if got := sourcesIn(t, h.last("cccc", jingle.ActionSourceAdd)).Owners(); !slices.Equal(got, []string{"aaaa"}) {
		t.Fatalf("cccc's source-add names %v", got)
	}
}

// TestDelayedFlushStopsWithConference: pending flushes end with the
// conference, whether the focus stops it or the room empties; Run would not
// return while one of their goroutines still waited.
func TestDelayedFlushStopsWithConference(t *testing.T) {
	tests := []struct {
		name string
		end  func(*harness)
	}{
		{"stopped", func(h *harness) { h.stop() }},
		{"room empties", func(h *harness) {
			for _, nick := range []string{"aaaa", "bbbb", "cccc"} {
				h.leave(nick)
			}
			h.stop()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := threeActiveDelayed(t)
			h.wantResult("aaaa", sourceIQ(h, "aaaa", jingle.ActionSourceAdd, extraAudio("aaaa", 777)))
			h.waitTimers(2)
			calls, _ := h.sig.rec.snapshot()
			tt.end(h)
			if n := h.conf.state.timers.Load(); n != 0 {
				t.Fatalf("%d timers left after Run returned", n)
			}
			h.clock.Advance(time.Minute)
			after, _ := h.sig.rec.snapshot()
			for _, c := range after[len(calls):] {
				if c.J.Action == jingle.ActionSourceAdd {
					t.Fatalf("source-add to %s after the conference ended", c.To)
				}
			}
		})
	}
}
