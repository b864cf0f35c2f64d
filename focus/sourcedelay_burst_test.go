package focus

import (
	"fmt"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// burst brings n participants in within one window, all joining first or
// each accepting before the next joins, then lets the delays end. It returns
// the source-add IQs sent.
func burst(t testing.TB, h *harness, n int, interleaved bool) int64 {
	t.Helper()
	var nicks []string
	if interleaved {
		nicks = nActive(t, h, 2) // min-participants
		for i := 2; i < n; i++ {
			nicks = append(nicks, fmt.Sprintf("p%02d", i))
			h.join(occupant(nicks[i]))
			h.accept(nicks[i], clientSources(nicks[i], uint32(10000*(i+1))))
		}
	} else {
		nicks = nActive(t, h, n)
	}
	h.advance(time.Minute, 0)
	for _, nick := range nicks {
		wantAllSources(t, h, nick)
	}
	return h.snapshot().SourceAddsSent
}

// wantAllSources checks that what nick was signalled (offer, source-add,
// source-remove) adds up to the sources of everybody else.
func wantAllSources(t testing.TB, h *harness, nick string) {
	t.Helper()
	got := map[uint32]bool{}
	for _, j := range h.jingleTo(nick) {
		for owner, e := range sourcesIn(t, j) {
			for _, ssrc := range e.SSRCs() {
				if owner != jingle.OwnerJVB {
					got[ssrc] = j.Action != jingle.ActionSourceRemove
				}
			}
		}
	}
	var want map[uint32]bool
	if err := h.conf.do(h.ctx(), func(s *conference) {
		want = map[uint32]bool{}
		for _, e := range s.sources.signaled(nick) {
			for _, ssrc := range e.SSRCs() {
				want[ssrc] = true
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	for ssrc, on := range got {
		if on != want[ssrc] {
			t.Fatalf("%s: SSRC %d signalled %v, want %v", nick, ssrc, on, want[ssrc])
		}
		delete(want, ssrc)
	}
	if len(want) != 0 {
		t.Fatalf("%s was never signalled %d SSRCs", nick, len(want))
	}
}

// TestBurstSourceAddCount counts the source-add IQs for 60 participants
// coming in within one window. Without delay every accept reaches each
// active participant at once: with everyone joining first, n(n-1)/2 plus one
// flush at each accept but the first (1770+59); joining one by one (after
// the first two, min-participants), the offers carry the earlier sources and
// only 1+1 and 2+3+…+59 remain. With 500 ms from 50 participants each
// participant gets at most one source-add at its accept and one when the
// delay ends (59+59); joining one by one, the accepts while the conference
// is below 50 go out at once (1+1 and 2+…+48) and the rest batch into one
// source-add for each of the 59 earlier participants.
func TestBurstSourceAddCount(t *testing.T) {
	tests := []struct {
		name, conf  string
		interleaved bool
		want        int64
	}{
		{"no-delay/joins-first", "", false, 1770 + 59},
		{"50=500ms/joins-first", delaysConf(50, 500), false, 59 + 59},
		{"no-delay/one-by-one", "", true, 2 + 1769},
		{"50=500ms/one-by-one", delaysConf(50, 500), true, 2 + 1175 + 59},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.conf, bridge1)
			got := burst(t, h, 60, tt.interleaved)
			calls, _ := h.sig.rec.snapshot()
			n := 0
			for _, c := range calls {
				if c.J.Action == jingle.ActionSourceAdd {
					n++
				}
			}
			if got != tt.want || int64(n) != got {
				t.Fatalf("%d source-adds sent (%d recorded), want %d", got, n, tt.want)
			}
			t.Logf("60 participants: %d source-add IQs", got)
		})
	}
}

// BenchmarkBurstSourceSignaling measures the focus's work for 60
// participants joining within one window, with and without a delay, and
// reports the source-add IQs sent per burst.
func BenchmarkBurstSourceSignaling(b *testing.B) {
	for _, conf := range []string{"", delaysConf(50, 500)} {
		b.Run(fmt.Sprintf("delays=%v", conf != ""), func(b *testing.B) {
			b.ReportAllocs()
			var adds int64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				h := newHarness(b, conf, bridge1)
				b.StartTimer()
				adds = burst(b, h, 60, false)
				b.StopTimer()
				h.stop()
				b.StartTimer()
			}
			b.ReportMetric(float64(adds), "source-adds/op")
		})
	}
}
