package focus

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

func TestSourceSignalingDelay(t *testing.T) {
	two := []config.SizeDelay{{Size: 50, Delay: 500 * time.Millisecond}, {Size: 100, Delay: time.Second}}
	tests := []struct {
		delays []config.SizeDelay
		size   int
		want   time.Duration
	}{
		{nil, 0, 0},
		{nil, 1000, 0},
		{two, 0, 0},
		{two, 49, 0},
		{two, 50, 500 * time.Millisecond}, // the configured size is included
		{two, 99, 500 * time.Millisecond},
		{two, 100, time.Second},
		{two, 5000, time.Second},
		{[]config.SizeDelay{{Size: 0, Delay: time.Second}}, 0, time.Second},
	}
	for _, tt := range tests {
		if got := sourceSignalingDelay(tt.delays, tt.size); got != tt.want {
			t.Errorf("delays %v size %d: got %v, want %v", tt.delays, tt.size, got, tt.want)
		}
	}
}

// delaysConf is a jicofo.conf setting source-signaling-delays (ms).
func delaysConf(sizeMs ...int) string {
	s := "jicofo.conference.source-signaling-delays {"
	for i := 0; i+1 < len(sizeMs); i += 2 {
		s += fmt.Sprintf(" %d = %d,", sizeMs[i], sizeMs[i+1])
	}
	return s + " }\n"
}

// waitTimers waits until n timer goroutines are left: the fired ones have
// posted their work by then (they post before they end).
func (h *harness) waitTimers(n int64) {
	h.t.Helper()
	deadline := time.Now().Add(failsafe)
	for h.conf.state.timers.Load() != n {
		if time.Now().After(deadline) {
			h.t.Fatalf("%d timers pending, want %d", h.conf.state.timers.Load(), n)
		}
		runtime.Gosched()
	}
}

// advance moves the clock by d, lets the timers that fired run on the
// executor (left of them: n) and waits until what they sent has gone out.
func (h *harness) advance(d time.Duration, n int64) {
	h.t.Helper()
	h.clock.Advance(d)
	h.waitTimers(n)
	h.settle()
}

// count returns how many requests of action a the occupant got.
func (h *harness) count(nick string, a jingle.Action) int {
	n := 0
	for _, j := range h.jingleTo(nick) {
		if j.Action == a {
			n++
		}
	}
	return n
}

// extraAudio is a second audio source for owner, as a client adds it.
func extraAudio(owner string, ssrc uint32) jingle.EndpointSources {
	return jingle.EndpointSources{Owner: owner,
		Audio: []jingle.Source{jingle.NewSource(ssrc, owner+"-a9", owner+"-x "+owner+"-xa", "")}}
}

func (h *harness) wantResult(nick string, j *jingle.Jingle) {
	h.t.Helper()
	if r := h.send(nick, j); r.Type != stanza.ResultIQ {
		h.t.Fatalf("%s from %s: %+v", j.Action, nick, r.Error)
	}
}

// TestDelayBySize: with delays from 3 and from 5 participants, a source-add
// in a conference of n participants reaches the others after the delay for n.
func TestDelayBySize(t *testing.T) {
	steps := delaysConf(3, 500, 5, 2000)
	tests := []struct {
		name, conf string
		n          int
		want       time.Duration
	}{
		{"none/5", "", 5, 0},
		{"below/2", steps, 2, 0},
		{"at/3", steps, 3, 500 * time.Millisecond},
		{"above/4", steps, 4, 500 * time.Millisecond},
		{"at/5", steps, 5, 2 * time.Second},
		{"above/6", steps, 6, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.conf, bridge1)
			nicks := nActive(t, h, tt.n)
			h.advance(time.Minute, 0) // flush what the setup queued
			before := map[string]int{}
			for _, nick := range nicks {
				before[nick] = h.count(nick, jingle.ActionSourceAdd)
			}
			h.wantResult(nicks[0], sourceIQ(h, nicks[0], jingle.ActionSourceAdd, extraAudio(nicks[0], 777)))
			if tt.want > 0 {
				h.advance(tt.want-time.Millisecond, int64(tt.n-1))
				if got := h.count(nicks[1], jingle.ActionSourceAdd); got != before[nicks[1]] {
					t.Fatalf("source-add sent before the %v delay ended", tt.want)
				}
				h.advance(time.Millisecond, 0)
			}
			for _, nick := range nicks[1:] {
				if got := h.count(nick, jingle.ActionSourceAdd); got != before[nick]+1 {
					t.Fatalf("%s got %d source-adds, want %d", nick, got, before[nick]+1)
				}
				wantSSRCs(t, h.last(nick, jingle.ActionSourceAdd), nicks[0], 777)
			}
		})
	}
}

// TestDelayBatchesJoins: three participants join and accept within the
// window; each earlier participant gets one source-add with all of them.
func TestDelayBatchesJoins(t *testing.T) {
	h := newHarness(t, delaysConf(2, 500), bridge1)
	twoActive(t, h)
	h.advance(time.Minute, 0)
	newcomers := []string{"cccc", "dddd", "eeee"}
	for i, nick := range newcomers {
		h.join(occupant(nick))
		h.accept(nick, clientSources(nick, uint32(3000+1000*i)))
	}
	for _, nick := range []string{"aaaa", "bbbb"} {
		wantActions(t, h, nick, jingle.ActionSessionInitiate, jingle.ActionSourceAdd) // nothing new yet
	}
	h.advance(500*time.Millisecond, 0)
	tests := []struct {
		nick   string
		adds   int // the one of twoActive, for aaaa and bbbb, and the batch
		owners []string
	}{
		{"aaaa", 2, newcomers},
		{"bbbb", 2, newcomers},
		{"cccc", 1, newcomers[1:]},
		{"dddd", 1, newcomers[2:]},
	}
	for _, tt := range tests {
		js := h.jingleTo(tt.nick)
		add := js[len(js)-1]
		if add.Action != jingle.ActionSourceAdd || h.count(tt.nick, jingle.ActionSourceAdd) != tt.adds {
			t.Fatalf("%s received %v", tt.nick, h.actions(tt.nick))
		}
		if got := sourcesIn(t, add).Owners(); !slices.Equal(got, tt.owners) {
			t.Fatalf("%s: source-add for %v, want %v", tt.nick, got, tt.owners)
		}
	}
	wantActions(t, h, "eeee", jingle.ActionSessionInitiate) // its offer had everything
}

// TestDelayNetsChanges: changes of one source within the window cancel out;
// only the net change is signalled when the delay ends.
func TestDelayNetsChanges(t *testing.T) {
	add := func(h *harness) {
		h.wantResult("aaaa", sourceIQ(h, "aaaa", jingle.ActionSourceAdd, extraAudio("aaaa", 777)))
	}
	remove := func(h *harness) {
		h.wantResult("aaaa", sourceIQ(h, "aaaa", jingle.ActionSourceRemove, extraAudio("aaaa", 777)))
	}
	tests := []struct {
		name       string
		before     bool // 777 signalled before the window
		ops        []func(*harness)
		wantAction jingle.Action // "" for nothing
	}{
		{"add", false, []func(*harness){add}, jingle.ActionSourceAdd},
		{"add then remove", false, []func(*harness){add, remove}, ""},
		{"add remove add", false, []func(*harness){add, remove, add}, jingle.ActionSourceAdd},
		{"remove", true, []func(*harness){remove}, jingle.ActionSourceRemove},
		{"remove then add", true, []func(*harness){remove, add}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := threeActiveDelayed(t)
			if tt.before {
				add(h)
				h.advance(time.Minute, 0)
			}
			others := []string{"bbbb", "cccc"}
			before := map[string]int{}
			for _, nick := range others {
				before[nick] = len(h.jingleTo(nick))
			}
			for _, op := range tt.ops {
				op(h)
			}
			h.advance(500*time.Millisecond, 0)
			for _, nick := range others {
				got := h.jingleTo(nick)[before[nick]:]
				if tt.wantAction == "" {
					if len(got) != 0 {
						t.Fatalf("%s received %v", nick, got[0].Action)
					}
					continue
				}
				if len(got) != 1 || got[0].Action != tt.wantAction {
					t.Fatalf("%s received %d requests, want one %s", nick, len(got), tt.wantAction)
				}
				wantSSRCs(t, got[0], "aaaa", 777)
			}
		})
	}
}

// threeActiveDelayed brings aaaa, bbbb and cccc to active sessions, with a
// 500 ms delay from 2 participants, and lets the delay end.
func threeActiveDelayed(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, delaysConf(2, 500), bridge1)
	twoActive(t, h)
	h.join(occupant("cccc"))
	h.accept("cccc", clientSources("cccc", 3000))
	h.advance(time.Minute, 0)
	return h
}
