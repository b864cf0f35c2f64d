package focus

import (
	"errors"
	"maps"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

func TestJingleActionName(t *testing.T) {
	tests := []struct {
		a    jingle.Action
		want string
	}{
		{jingle.ActionSessionInitiate, "SESSION_INITIATE"},
		{jingle.ActionSessionAccept, "SESSION_ACCEPT"},
		{jingle.ActionTransportInfo, "TRANSPORT_INFO"},
		{jingle.ActionSourceAdd, "SOURCEADD"},
		{jingle.ActionSourceRemove, "SOURCEREMOVE"},
		{jingle.ActionAddSource, "ADDSOURCE"},
		{jingle.ActionRemoveSource, "REMOVESOURCE"},
	}
	for _, tt := range tests {
		if got := JingleActionName(tt.a); got != tt.want {
			t.Errorf("JingleActionName(%q) = %q, want %q", tt.a, got, tt.want)
		}
	}
	if len(jingleActionIndex) != len(jingleActions) {
		t.Fatalf("duplicate action in jingleActions")
	}
	for _, a := range jingleActions {
		if !a.Known() {
			t.Errorf("%q is counted but not a known action", a)
		}
	}
}

// totals returns the harness conference's counters after it settled.
func (h *harness) totals() TotalsSnapshot {
	h.settle()
	return h.conf.state.p.Totals.Snapshot()
}

// sessionInfoFailed sends the occupant's session-info with ice-state failed.
func sessionInfoFailed(h *harness, nick string) *jingle.IQ {
	s := h.participant(nick)
	return h.send(nick, &jingle.Jingle{Action: jingle.ActionSessionInfo, SID: s.SID,
		ICEState: &jingle.ICEState{State: jingle.ICEStateFailed}})
}

func (h *harness) participant(nick string) ParticipantSnapshot {
	h.t.Helper()
	for _, p := range h.snapshot().Participants {
		if p.Nick == nick {
			return p
		}
	}
	h.t.Fatalf("no participant %s", nick)
	return ParticipantSnapshot{}
}

func TestTotals(t *testing.T) {
	tests := []struct {
		name    string
		run     func(h *harness)
		want    TotalsSnapshot // JingleSent's SOURCEADD/SOURCEREMOVE come from the conference's snapshot
		bridges []string
	}{
		{"nobody", func(*harness) {}, TotalsSnapshot{}, nil},
		{"two-active", func(h *harness) { twoActive(t, h) }, TotalsSnapshot{Participants: 2,
			JingleSent:     map[string]int64{"SESSION_INITIATE": 2},
			JingleReceived: map[string]int64{"SESSION_ACCEPT": 2}}, nil},
		{"ice-failed", func(h *harness) {
			twoActive(t, h)
			if r := sessionInfoFailed(h, "aaaa"); r.Type != stanza.ResultIQ {
				t.Fatalf("session-info: %+v", r.Error)
			}
		}, TotalsSnapshot{Participants: 2, ICEFailed: 1,
			JingleSent:     map[string]int64{"SESSION_INITIATE": 2},
			JingleReceived: map[string]int64{"SESSION_ACCEPT": 2, "SESSION_INFO": 1}}, nil},
		{"restart-requested", func(h *harness) {
			twoActive(t, h)
			s := h.participant("aaaa")
			h.send("aaaa", &jingle.Jingle{Action: jingle.ActionSessionTerminate, SID: s.SID,
				BridgeSession: &jingle.BridgeSession{ID: s.BridgeSessionID, Restart: jingle.Bool(true)}})
		}, TotalsSnapshot{Participants: 2, RestartRequested: 1,
			JingleSent:     map[string]int64{"SESSION_INITIATE": 3},
			JingleReceived: map[string]int64{"SESSION_ACCEPT": 2, "SESSION_TERMINATE": 1}}, nil},
		{"unknown-session-not-counted", func(h *harness) {
			twoActive(t, h)
			h.send("aaaa", &jingle.Jingle{Action: jingle.ActionSessionInfo, SID: "nope"})
		}, TotalsSnapshot{Participants: 2,
			JingleSent:     map[string]int64{"SESSION_INITIATE": 2},
			JingleReceived: map[string]int64{"SESSION_ACCEPT": 2}}, nil},
		{"bridge-left-brewery", func(h *harness) {
			twoActive(t, h)
			h.reg.Remove(bridge1)
		}, TotalsSnapshot{Participants: 2, ParticipantsMoved: 2,
			JingleSent:     map[string]int64{"SESSION_INITIATE": 4, "SESSION_TERMINATE": 2},
			JingleReceived: map[string]int64{"SESSION_ACCEPT": 2}}, []string{bridge1, bridge2}},
		{"colibri-failure", func(h *harness) {
			h.bridges.failWith(bridge1, colibri.NewStanzaError(stanza.Wait, stanza.InternalServerError, "boom"))
			h.join(occupant("aaaa"))
			h.join(occupant("bbbb"))
		}, TotalsSnapshot{Participants: 2, ParticipantsMoved: 2, BridgesRemoved: 1,
			JingleSent:     map[string]int64{"SESSION_INITIATE": 2},
			JingleReceived: map[string]int64{}}, []string{bridge1, bridge2}},
		{"leave", func(h *harness) {
			twoActive(t, h)
			h.leave("aaaa")
		}, TotalsSnapshot{Participants: 2,
			JingleSent:     map[string]int64{"SESSION_INITIATE": 2},
			JingleReceived: map[string]int64{"SESSION_ACCEPT": 2}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bridges := tt.bridges
			if bridges == nil {
				bridges = []string{bridge1}
			}
			h := newHarness(t, "", bridges...)
			tt.run(h)
			got := h.totals()
			snap := h.snapshot()
			want := tt.want
			want.JingleSent = maps.Clone(want.JingleSent)
			if want.JingleSent == nil {
				want.JingleSent = map[string]int64{}
			}
			if want.JingleReceived == nil {
				want.JingleReceived = map[string]int64{}
			}
			if snap.SourceAddsSent > 0 {
				want.JingleSent["SOURCEADD"] = snap.SourceAddsSent
			}
			if snap.SourceRemovesSent > 0 {
				want.JingleSent["SOURCEREMOVE"] = snap.SourceRemovesSent
			}
			if got.Participants != want.Participants || got.ParticipantsMoved != want.ParticipantsMoved ||
				got.BridgesRemoved != want.BridgesRemoved || got.ICEFailed != want.ICEFailed ||
				got.RestartRequested != want.RestartRequested ||
				!maps.Equal(got.JingleSent, want.JingleSent) || !maps.Equal(got.JingleReceived, want.JingleReceived) {
				t.Fatalf("totals\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestHubTotalsOutliveConferences: the hub's counters keep what its ended
// conferences counted.
func TestHubTotalsOutliveConferences(t *testing.T) {
	h := newHarness(t, "", bridge1)
	hub := NewHub(nil)
	p := h.conf.state.p
	p.Totals = nil
	p.Room = "other@conference.example.com"
	c, err := hub.Start(h.ctx(), p)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"aaaa", "bbbb"} {
		if err := c.Join(h.ctx(), occupant(n)); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"aaaa", "bbbb"} {
		// the last leave ends the conference, which may report that rather
		// than the leave's completion
		if err := c.Leave(h.ctx(), n); err != nil && !errors.Is(err, ErrClosed) {
			t.Fatal(err)
		}
	}
	<-c.Done()
	hub.Wait()
	if len(hub.Rooms()) != 0 {
		t.Fatalf("rooms %v", hub.Rooms())
	}
	if got := hub.Totals().Snapshot(); got.Participants != 2 {
		t.Fatalf("hub totals after the conference ended: %+v", got)
	}
}

// BenchmarkTotalsCount is the cost added where a Jingle IQ is sent.
func BenchmarkTotalsCount(b *testing.B) {
	var tot Totals
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			tot.jingleSent(jingle.ActionSourceAdd)
		}
	})
}

// BenchmarkTotalsSnapshot is the cost of reading the counters for /stats.
func BenchmarkTotalsSnapshot(b *testing.B) {
	var tot Totals
	tot.jingleSent(jingle.ActionSessionInitiate)
	tot.jingleReceived(jingle.ActionSessionAccept)
	b.ReportAllocs()
	for b.Loop() {
		_ = tot.Snapshot()
	}
}
