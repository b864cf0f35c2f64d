package focus

import (
	"slices"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// These scenario tests drive one conference with recording doubles of the
// Signaller and BridgeClient (fakes_test.go); the integration tests against
// our bridge, prosody/xmppd and lib-jitsi-meet-like clients come with the
// XMPP glue.

func wantActions(t *testing.T, h *harness, nick string, want ...jingle.Action) {
	t.Helper()
	if got := h.actions(nick); !slices.Equal(got, want) {
		t.Fatalf("%s received %v, want %v", nick, got, want)
	}
}

func wantSSRCs(t testing.TB, j *jingle.Jingle, owner string, want ...uint32) {
	t.Helper()
	got := sourcesIn(t, j)[owner].SSRCs()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("%s signals %v for %s, want %v", j.Action, got, owner, want)
	}
}

// twoActive brings aaaa and bbbb to active sessions with sources.
func twoActive(t testing.TB, h *harness) {
	t.Helper()
	h.join(occupant("aaaa"))
	h.join(occupant("bbbb"))
	h.accept("aaaa", clientSources("aaaa", 1000))
	h.accept("bbbb", clientSources("bbbb", 2000))
}

func TestTwoParticipants(t *testing.T) {
	h := newHarness(t, "", bridge1, bridge2)
	h.join(occupant("aaaa"))
	if n := len(h.bridgeCalls()); n != 0 {
		t.Fatalf("%d colibri2 requests before min-participants", n)
	}
	h.join(occupant("bbbb"))
	calls := h.bridgeCalls()
	if len(calls) != 2 || calls[0].Bridge != bridge1 || calls[1].Bridge != bridge1 {
		t.Fatalf("allocations %+v", calls)
	}
	if !calls[0].Req.Create || calls[0].Req.Endpoints[0].ID != "aaaa" || calls[1].Req.Create ||
		calls[1].Req.Endpoints[0].ID != "bbbb" || !calls[1].Req.Endpoints[0].Create {
		t.Fatalf("want conference create with aaaa, then bbbb: %+v %+v", calls[0].Req, calls[1].Req)
	}
	init := h.last("aaaa", jingle.ActionSessionInitiate)
	if init.Transport().Ufrag != "ufrag-"+bridge1 || init.BridgeSession == nil || init.JSONMessage == nil ||
		init.Content(jingle.ContentData) == nil {
		t.Fatalf("offer %+v", init)
	}
	wantSSRCs(t, init, "bbbb")
	if len(sourcesIn(t, init)[jingle.OwnerJVB].SSRCs()) != 2 {
		t.Fatal("offer lacks the feedback sources")
	}

	h.accept("aaaa", clientSources("aaaa", 1000))
	calls = h.bridgeCalls()
	up := calls[len(calls)-1].Req.Endpoints[0]
	if up.ID != "aaaa" || up.Transport.ICEUDP.Ufrag != "cl-aaaa" || len(up.Sources.SSRCs()) != 7 {
		t.Fatalf("update after session-accept %+v", up)
	}
	wantActions(t, h, "bbbb", jingle.ActionSessionInitiate) // pending: nothing before its own accept

	h.accept("bbbb", clientSources("bbbb", 2000))
	wantActions(t, h, "aaaa", jingle.ActionSessionInitiate, jingle.ActionSourceAdd)
	wantActions(t, h, "bbbb", jingle.ActionSessionInitiate, jingle.ActionSourceAdd)
	wantSSRCs(t, h.last("aaaa", jingle.ActionSourceAdd), "bbbb", 2000, 2010, 2020) // simulcast stripped
	wantSSRCs(t, h.last("bbbb", jingle.ActionSourceAdd), "aaaa", 1000, 1010, 1020)
	for _, p := range h.snapshot().Participants {
		if p.State != "active" || p.Bridge != bridge1 {
			t.Fatalf("participant %+v", p)
		}
	}
}

func TestThirdJoinsMidCallThenOneLeaves(t *testing.T) {
	h := newHarness(t, "", bridge1)
	twoActive(t, h)
	h.join(occupant("cccc"))
	init := h.last("cccc", jingle.ActionSessionInitiate)
	wantSSRCs(t, init, "aaaa", 1000, 1010, 1020)
	wantSSRCs(t, init, "bbbb", 2000, 2010, 2020)
	calls := h.bridgeCalls()
	if c := calls[len(calls)-1]; c.Req.Create || c.Req.Endpoints[0].ID != "cccc" {
		t.Fatalf("third allocation %+v", c.Req)
	}

	h.accept("cccc", clientSources("cccc", 3000))
	for _, n := range []string{"aaaa", "bbbb"} {
		wantActions(t, h, n, jingle.ActionSessionInitiate, jingle.ActionSourceAdd, jingle.ActionSourceAdd)
		wantSSRCs(t, h.last(n, jingle.ActionSourceAdd), "cccc", 3000, 3010, 3020)
	}
	wantActions(t, h, "cccc", jingle.ActionSessionInitiate) // it had everything in its offer

	before := len(h.bridgeCalls())
	h.leave("bbbb")
	calls = h.bridgeCalls()[before:]
	if len(calls) != 1 || calls[0].Req.Endpoints[0].ID != "bbbb" || !calls[0].Req.Endpoints[0].Expire {
		t.Fatalf("after leave %+v", calls)
	}
	for _, n := range []string{"aaaa", "cccc"} {
		wantSSRCs(t, h.last(n, jingle.ActionSourceRemove), "bbbb", 2000, 2010, 2020)
	}
	if got := h.bridges.endpointsOn(bridge1, testMeeting); len(got) != 2 {
		t.Fatalf("bridge still holds %v", got)
	}
}

func TestLonelyParticipantReleased(t *testing.T) {
	h := newHarness(t, "", bridge1)
	twoActive(t, h)
	h.leave("bbbb")
	h.clock.WaitForWaiters(1, nil)
	h.clock.Advance(19 * time.Second)
	h.settle()
	wantActions(t, h, "aaaa", jingle.ActionSessionInitiate, jingle.ActionSourceAdd, jingle.ActionSourceRemove)

	_, changed := h.sig.rec.snapshot()
	h.clock.Advance(time.Second)
	<-changed // the timer's session-terminate
	h.settle()
	term := h.last("aaaa", jingle.ActionSessionTerminate)
	if term.Reason == nil || term.Reason.Condition != jingle.ReasonExpired {
		t.Fatalf("terminate %+v", term.Reason)
	}
	calls := h.bridgeCalls()
	if last := calls[len(calls)-1].Req; !last.Expire || len(last.Endpoints) != 0 {
		t.Fatalf("want conference expire, got %+v", last)
	}
	s := h.snapshot()
	if len(s.Bridges) != 0 || s.Participants[0].State != "idle" {
		t.Fatalf("after release %+v", s)
	}

	h.join(occupant("dddd")) // a newcomer restarts the conference
	if h.last("aaaa", jingle.ActionSessionInitiate).SID == term.SID {
		t.Fatal("aaaa was not invited again")
	}
	h.last("dddd", jingle.ActionSessionInitiate)
}

func TestLonelyTimerCancelledByJoin(t *testing.T) {
	h := newHarness(t, "", bridge1)
	twoActive(t, h)
	h.leave("bbbb")
	h.clock.WaitForWaiters(1, nil)
	h.join(occupant("cccc"))
	h.clock.Advance(time.Minute)
	h.join(occupant("dddd")) // an event after the timer fired, to let it run
	for _, j := range h.jingleTo("aaaa") {
		if j.Action == jingle.ActionSessionTerminate {
			t.Fatal("timer fired although the conference had two participants")
		}
	}
}

func TestRoomEmptiesExpiresConference(t *testing.T) {
	h := newHarness(t, "", bridge1)
	twoActive(t, h)
	h.leave("aaaa")
	h.leave("bbbb")
	select {
	case err := <-h.runErr:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		h.runErr <- nil
	case <-time.After(failsafe):
		t.Fatal("conference did not end")
	}
	calls := h.bridgeCalls()
	if last := calls[len(calls)-1].Req; !last.Expire || last.MeetingID != testMeeting {
		t.Fatalf("last request %+v", last)
	}
	if got := h.bridges.endpointsOn(bridge1, testMeeting); got != nil {
		t.Fatalf("bridge still holds %v", got)
	}
}
