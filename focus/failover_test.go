package focus

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

// wantMoved checks that every participant got session-terminate ("moving")
// and then a new session-initiate whose transport and bridge-session come
// from bridge2, and that bridge2 now holds them all.
func wantMoved(t *testing.T, h *harness, oldSession string, nicks ...string) {
	t.Helper()
	for _, n := range nicks {
		js := h.jingleTo(n)
		if len(js) < 2 || js[len(js)-2].Action != jingle.ActionSessionTerminate || js[len(js)-1].Action != jingle.ActionSessionInitiate {
			t.Fatalf("%s received %v, want ... session-terminate, session-initiate", n, h.actions(n))
		}
		term, init := js[len(js)-2], js[len(js)-1]
		if term.Reason == nil || term.Reason.Condition != jingle.ReasonSuccess || term.Reason.Text != "moving" {
			t.Fatalf("%s terminate reason %+v", n, term.Reason)
		}
		if init.Transport().Ufrag != "ufrag-"+bridge2 || init.BridgeSession.ID == oldSession {
			t.Fatalf("%s re-invited to %s (bridge-session %s)", n, init.Transport().Ufrag, init.BridgeSession.ID)
		}
	}
	if got := h.bridges.endpointsOn(bridge2, testMeeting); len(got) != len(nicks) {
		t.Fatalf("bridge2 holds %v", got)
	}
}

func TestBridgeLossMovesEveryone(t *testing.T) {
	tests := []struct {
		name string
		kill func(h *harness)
	}{
		{"left-brewery", func(h *harness) { h.reg.Remove(bridge1) }},
		{"failed-health-check", func(h *harness) { h.reg.MarkFailed(bridge1) }},
		{"shutting-down", func(h *harness) {
			h.reg.Update(bridge1, brewery.Stats{HasStress: true, Healthy: true, ShuttingDown: true, Version: "2.3"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, "", bridge1, bridge2)
			twoActive(t, h)
			h.join(occupant("cccc"))
			h.accept("cccc", clientSources("cccc", 3000))
			old := h.snapshot().Participants[0].BridgeSessionID
			before := len(h.bridgeCalls())
			_, changed := h.sig.rec.snapshot()
			tt.kill(h)
			<-changed // the move has begun
			h.settle()
			wantMoved(t, h, old, "aaaa", "bbbb", "cccc")
			for _, n := range []string{"aaaa", "bbbb", "cccc"} {
				for _, j := range h.jingleTo(n)[3:] {
					if j.Action == jingle.ActionSourceRemove {
						t.Fatalf("%s got source-remove although it was moving too", n)
					}
				}
			}
			calls := h.bridgeCalls()[before:]
			if calls[0].Bridge == bridge1 && !calls[0].Req.Expire {
				t.Fatalf("unexpected request to the lost bridge %+v", calls[0].Req)
			}
			creates := 0
			for _, c := range calls {
				if c.Bridge == bridge2 && c.Req.Create {
					creates++
				}
			}
			if creates != 1 {
				t.Fatalf("%d conference creates on bridge2", creates)
			}
			// The moved participants accept again and get each other's sources.
			for i, n := range []string{"aaaa", "bbbb", "cccc"} {
				h.accept(n, clientSources(n, uint32(1000*(i+1))))
			}
			wantSSRCs(t, h.last("aaaa", jingle.ActionSourceAdd), "cccc", 3000, 3010, 3020)
		})
	}
}

func TestColibriFailures(t *testing.T) {
	tests := []struct {
		name        string
		err         error
		operational bool // bridge1 afterwards
		graceful    bool
		moved       bool // participants end up on bridge2
	}{
		{"internal-server-error", colibri.NewStanzaError(stanza.Wait, stanza.InternalServerError, "boom"), false, false, true},
		{"timeout", fmt.Errorf("no reply: %w", context.DeadlineExceeded), false, false, true},
		{"graceful-shutdown", colibri.NewError(colibri.ReasonGracefulShutdown, ""), true, true, true},
		{"bad-request", colibri.NewStanzaError(stanza.Modify, stanza.BadRequest, "bad"), true, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, "", bridge1, bridge2)
			h.bridges.failWith(bridge1, tt.err)
			h.join(occupant("aaaa"))
			h.join(occupant("bbbb"))
			b, _ := h.reg.Get(bridge1)
			if b.Operational != tt.operational || b.InGracefulShutdown() != tt.graceful {
				t.Fatalf("bridge1 operational %v graceful %v", b.Operational, b.InGracefulShutdown())
			}
			for _, p := range h.snapshot().Participants {
				if moved := p.Bridge == bridge2 && p.State == "pending"; moved != tt.moved {
					t.Fatalf("participant %+v, want moved %v", p, tt.moved)
				}
				if !tt.moved && (p.State != "idle" || len(h.jingleTo(p.Nick)) != 0) {
					t.Fatalf("participant %+v got %v", p, h.actions(p.Nick))
				}
			}
		})
	}
}

// TestColibriErrorMidCall fails the bridge on an endpoint update after both
// participants are in: the conference recovers on the other bridge.
func TestColibriErrorMidCall(t *testing.T) {
	h := newHarness(t, "", bridge1, bridge2)
	twoActive(t, h)
	old := h.snapshot().Participants[0].BridgeSessionID
	h.bridges.failWith(bridge1, colibri.NewStanzaError(stanza.Cancel, stanza.ServiceUnavailable, ""))
	extra := jingle.EndpointSources{Owner: "aaaa", Audio: []jingle.Source{jingle.NewSource(1100, "aaaa-a1", "s2 t2", "")}}
	if r := h.send("aaaa", &jingle.Jingle{Action: jingle.ActionSourceAdd, SID: h.last("aaaa", jingle.ActionSessionInitiate).SID,
		Contents: (jingle.ConferenceSourceMap{"aaaa": extra}).Contents()}); r.Type != stanza.ResultIQ {
		t.Fatalf("source-add: %+v", r.Error)
	}
	if b, _ := h.reg.Get(bridge1); b.Operational {
		t.Fatal("bridge1 still operational")
	}
	wantMoved(t, h, old, "aaaa", "bbbb")
}

func TestConferenceNotFoundReinvitesOnSameBridge(t *testing.T) {
	h := newHarness(t, "", bridge1, bridge2)
	twoActive(t, h)
	// The bridge restarted and lost the conference: the next update fails.
	h.bridges.mu.Lock()
	delete(h.bridges.confs[bridge1], testMeeting)
	h.bridges.mu.Unlock()
	h.send("aaaa", &jingle.Jingle{Action: jingle.ActionTransportInfo, SID: h.last("aaaa", jingle.ActionSessionInitiate).SID,
		Contents: []jingle.Content{{Name: "audio", Transport: &jingle.ICEUDPTransport{Ufrag: "x", Pwd: "y"}}}})
	if b, _ := h.reg.Get(bridge1); !b.Operational {
		t.Fatal("conference_not_found must not fail the bridge")
	}
	for _, n := range []string{"aaaa", "bbbb"} {
		if u := h.last(n, jingle.ActionSessionInitiate).Transport().Ufrag; u != "ufrag-"+bridge1 {
			t.Fatalf("%s re-invited on %s", n, u)
		}
	}
	if got := h.bridges.endpointsOn(bridge1, testMeeting); len(got) != 2 {
		t.Fatalf("bridge1 holds %v", got)
	}
}

func TestNoBridgeThenBridgeAppears(t *testing.T) {
	h := newHarness(t, "")
	h.join(occupant("aaaa"))
	h.join(occupant("bbbb"))
	s := h.snapshot()
	if !s.NoBridge || s.Participants[0].State != "no-bridge" {
		t.Fatalf("snapshot %+v", s)
	}
	h.reg.Update(bridge1, brewery.Stats{HasStress: true, Healthy: true, Version: "2.3"})
	h.settle()
	if s := h.snapshot(); s.NoBridge || s.Participants[1].State != "pending" {
		t.Fatalf("after bridge appeared %+v", s)
	}
	h.pres.mu.Lock()
	defer h.pres.mu.Unlock()
	if fmt.Sprint(h.pres.noBridge) != "[true false]" || h.pres.properties[colibri.KeyBridgeCount] != "1" {
		t.Fatalf("presence %v %v", h.pres.noBridge, h.pres.properties)
	}
}

// nActive brings n participants (p00, p01 …) to active sessions with sources.
func nActive(t testing.TB, h *harness, n int) []string {
	t.Helper()
	var nicks []string
	for i := 0; i < n; i++ {
		nicks = append(nicks, fmt.Sprintf("p%02d", i))
		h.join(occupant(nicks[i]))
	}
	for i, nick := range nicks {
		h.accept(nick, clientSources(nick, uint32(10000*(i+1))))
	}
	return nicks
}

// TestMoveAllocatesInParallel holds bridge2's allocations until all but the
// creating one are in flight together: with one-at-a-time allocation the
// barrier would never open.
func TestMoveAllocatesInParallel(t *testing.T) {
	h := newHarness(t, "", bridge1, bridge2)
	nicks := nActive(t, h, 5)
	old := h.snapshot().Participants[0].BridgeSessionID
	h.bridges.mu.Lock()
	h.bridges.barriers[bridge2] = &barrier{n: len(nicks) - 1, open: make(chan struct{})}
	h.bridges.mu.Unlock()
	_, changed := h.sig.rec.snapshot()
	h.reg.Remove(bridge1)
	<-changed
	h.settle()
	wantMoved(t, h, old, nicks...)
}

// TestStopCancelsColibriInFlight: the room empties, so the conference
// drains its queued Colibri2 expires; the bridge never answers the first
// (it is stopping too). When the focus then stops, the request in flight is
// cancelled instead of holding the conference for the whole reply timeout
// (an hour here, so the conference could not stop within failsafe).
func TestStopCancelsColibriInFlight(t *testing.T) {
	h := newHarness(t, "jicofo.xmpp.client.reply-timeout = 1 hour\n", bridge1)
	nicks := nActive(t, h, 2)
	h.settle()
	h.bridges.mu.Lock()
	h.bridges.barriers[bridge1] = &barrier{n: 1 << 20, open: make(chan struct{})}
	h.bridges.mu.Unlock()
	before, changed := h.bridges.rec.snapshot()
	for _, nick := range nicks { // no settle: the requests never end
		if err := h.conf.Leave(h.ctx(), nick); err != nil && !errors.Is(err, ErrClosed) {
			t.Fatal(err)
		}
	}
	select { // an expire is in flight, held by the barrier
	case <-changed:
	case <-h.ctx().Done():
		t.Fatalf("no Colibri2 expire after the room emptied (had %d calls)", len(before))
	}
	select {
	case <-h.conf.Done():
		t.Fatal("the conference ended although an expire was never answered")
	default:
	}
	h.cancel()
	select {
	case <-h.conf.Done():
	case <-h.ctx().Done():
		t.Fatal("the stopping focus waited for the unanswered Colibri2 request")
	}
}
