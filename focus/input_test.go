package focus

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

// sourceIQ builds a source-add or source-remove from nick for its session.
func sourceIQ(h *harness, nick string, a jingle.Action, e jingle.EndpointSources) *jingle.Jingle {
	return &jingle.Jingle{Action: a, SID: h.last(nick, jingle.ActionSessionInitiate).SID,
		Contents: (jingle.ConferenceSourceMap{e.Owner: e}).Contents()}
}

func manySources(owner string, n int) jingle.EndpointSources {
	e := jingle.EndpointSources{Owner: owner}
	for i := 0; i < n; i++ {
		e.Audio = append(e.Audio, jingle.NewSource(uint32(9000+i), fmt.Sprintf("%s-a%d", owner, i+1), fmt.Sprintf("m%d t%d", i, i), ""))
	}
	return e
}

func TestBadClientInput(t *testing.T) {
	tests := []struct {
		name  string
		from  string
		build func(h *harness) *jingle.Jingle
		cond  stanza.Condition
	}{
		{"missing-action", "aaaa", func(h *harness) *jingle.Jingle {
			return &jingle.Jingle{SID: h.last("aaaa", jingle.ActionSessionInitiate).SID}
		}, stanza.BadRequest},
		{"unknown-sid", "aaaa", func(h *harness) *jingle.Jingle {
			return &jingle.Jingle{Action: jingle.ActionSourceAdd, SID: "nope"}
		}, stanza.BadRequest},
		{"sid-of-another-participant", "aaaa", func(h *harness) *jingle.Jingle {
			return &jingle.Jingle{Action: jingle.ActionSourceAdd, SID: h.last("bbbb", jingle.ActionSessionInitiate).SID}
		}, stanza.BadRequest},
		{"add-ssrc-owned-by-other", "aaaa", func(h *harness) *jingle.Jingle {
			e := jingle.EndpointSources{Owner: "aaaa", Audio: []jingle.Source{jingle.NewSource(2000, "aaaa-a9", "x y", "")}}
			return sourceIQ(h, "aaaa", jingle.ActionSourceAdd, e)
		}, stanza.BadRequest},
		{"remove-ssrc-owned-by-other", "aaaa", func(h *harness) *jingle.Jingle {
			return sourceIQ(h, "aaaa", jingle.ActionSourceRemove, clientSources("bbbb", 2000))
		}, stanza.BadRequest},
		{"too-many-ssrcs", "aaaa", func(h *harness) *jingle.Jingle {
			return sourceIQ(h, "aaaa", jingle.ActionSourceAdd, manySources("aaaa", 14)) // 7 + 14 > 20
		}, stanza.BadRequest},
		{"group-with-unknown-ssrc", "aaaa", func(h *harness) *jingle.Jingle {
			e := manySources("aaaa", 1)
			e.AudioGroups = []jingle.SSRCGroup{jingle.NewGroup(jingle.SemanticsFID, 9000, 12345)}
			return sourceIQ(h, "aaaa", jingle.ActionSourceAdd, e)
		}, stanza.BadRequest},
		{"ssrc-zero", "aaaa", func(h *harness) *jingle.Jingle {
			e := jingle.EndpointSources{Owner: "aaaa", Audio: []jingle.Source{jingle.NewSource(0, "aaaa-a9", "x y", "")}}
			return sourceIQ(h, "aaaa", jingle.ActionSourceAdd, e)
		}, stanza.BadRequest},
		{"transport-info-without-transport", "aaaa", func(h *harness) *jingle.Jingle {
			return &jingle.Jingle{Action: jingle.ActionTransportInfo, SID: h.last("aaaa", jingle.ActionSessionInitiate).SID}
		}, stanza.BadRequest},
		{"terminate-wrong-bridge-session", "bbbb", func(h *harness) *jingle.Jingle {
			return &jingle.Jingle{Action: jingle.ActionSessionTerminate, SID: h.last("bbbb", jingle.ActionSessionInitiate).SID,
				BridgeSession: &jingle.BridgeSession{ID: "stale", Restart: jingle.Bool(true)}}
		}, stanza.ItemNotFound},
		{"unsupported-action", "aaaa", func(h *harness) *jingle.Jingle {
			return &jingle.Jingle{Action: jingle.ActionContentAdd, SID: h.last("aaaa", jingle.ActionSessionInitiate).SID}
		}, stanza.FeatureNotImplemented},
		{"duplicate-content", "aaaa", func(h *harness) *jingle.Jingle {
			return &jingle.Jingle{Action: jingle.ActionSourceAdd, SID: h.last("aaaa", jingle.ActionSessionInitiate).SID,
				Contents: []jingle.Content{{Name: "audio"}, {Name: "audio"}}}
		}, stanza.BadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, "", bridge1)
			twoActive(t, h)
			before, calls := h.snapshot(), len(h.bridgeCalls())
			sentCalls, _ := h.sig.rec.snapshot()
			sent := len(sentCalls)
			r := h.send(tt.from, tt.build(h))
			if r.Type != stanza.ErrorIQ || r.Error == nil || r.Error.Condition != tt.cond {
				t.Fatalf("reply %+v, want %s", r.Error, tt.cond)
			}
			unaffected(t, h, before, sent, calls)
		})
	}
}

// unaffected checks that nothing was sent and no state changed.
func unaffected(t *testing.T, h *harness, before Snapshot, sent, calls int) {
	t.Helper()
	if after := h.snapshot(); !reflect.DeepEqual(before, after) {
		t.Fatalf("state changed:\n%+v\n%+v", before, after)
	}
	if got, _ := h.sig.rec.snapshot(); len(got) != sent {
		t.Fatalf("%d jingle requests sent after bad input", len(got)-sent)
	}
	if n := len(h.bridgeCalls()); n != calls {
		t.Fatalf("%d colibri2 requests sent after bad input", n-calls)
	}
}

func TestMalformedJingle(t *testing.T) {
	for _, data := range []string{`<iq type="set"><jingle xmlns="urn:xmpp:jingle:1"`, `<message/>`, `<iq><jingle xmlns="urn:xmpp:jingle:1" action="x"><content/></jingle>`} {
		iq, jerr := DecodeJingleRequest([]byte(data))
		if jerr == nil && iq != nil && iq.Jingle != nil && iq.Jingle.Validate() == nil {
			t.Fatalf("%q accepted", data)
		}
		if jerr != nil && jerr.Condition != stanza.BadRequest {
			t.Fatalf("%q: %+v", data, jerr)
		}
	}
}

func TestSenderLimit(t *testing.T) {
	h := newHarness(t, "jicofo.conference.max-audio-senders = 1", bridge1)
	h.join(occupant("aaaa"))
	h.join(occupant("bbbb"))
	h.accept("aaaa", jingle.EndpointSources{})
	h.accept("bbbb", jingle.EndpointSources{})
	before, calls := h.snapshot(), len(h.bridgeCalls())
	sentCalls, _ := h.sig.rec.snapshot()
	sent := len(sentCalls)
	r := h.send("bbbb", sourceIQ(h, "bbbb", jingle.ActionSourceAdd, manySources("bbbb", 1)))
	if r.Error == nil || r.Error.Condition != stanza.ResourceConstraint {
		t.Fatalf("reply %+v", r.Error)
	}
	unaffected(t, h, before, sent, calls)
}

func TestSourceAddAndRemovePropagate(t *testing.T) {
	h := newHarness(t, "", bridge1)
	twoActive(t, h)
	extra := manySources("aaaa", 1)
	if r := h.send("aaaa", sourceIQ(h, "aaaa", jingle.ActionSourceAdd, extra)); r.Type != stanza.ResultIQ {
		t.Fatalf("source-add: %+v", r.Error)
	}
	wantSSRCs(t, h.last("bbbb", jingle.ActionSourceAdd), "aaaa", 9000)
	calls := h.bridgeCalls()
	if up := calls[len(calls)-1].Req.Endpoints[0]; up.ID != "aaaa" || len(up.Sources.SSRCs()) != 8 {
		t.Fatalf("bridge update %+v", up)
	}
	if r := h.send("aaaa", sourceIQ(h, "aaaa", jingle.ActionSourceRemove, extra)); r.Type != stanza.ResultIQ {
		t.Fatalf("source-remove: %+v", r.Error)
	}
	wantSSRCs(t, h.last("bbbb", jingle.ActionSourceRemove), "aaaa", 9000)
}

func TestRestartRequest(t *testing.T) {
	h := newHarness(t, "", bridge1)
	twoActive(t, h)
	restart := func() *jingle.IQ {
		s := h.snapshot().Participants[0]
		return h.send("aaaa", &jingle.Jingle{Action: jingle.ActionSessionTerminate, SID: s.SID,
			Reason:        &jingle.Reason{Condition: jingle.ReasonConnectivityError, Text: "ICE failed"},
			BridgeSession: &jingle.BridgeSession{ID: s.BridgeSessionID, Restart: jingle.Bool(true)}})
	}
	if r := restart(); r.Type != stanza.ResultIQ {
		t.Fatalf("restart: %+v", r.Error)
	}
	wantActions(t, h, "aaaa", jingle.ActionSessionInitiate, jingle.ActionSourceAdd, jingle.ActionSessionInitiate)
	wantSSRCs(t, h.last("bbbb", jingle.ActionSourceRemove), "aaaa", 1000, 1010, 1020)
	calls := h.bridgeCalls()
	expire, create := calls[len(calls)-2].Req.Endpoints[0], calls[len(calls)-1].Req.Endpoints[0]
	if !expire.Expire || expire.ID != "aaaa" || !create.Create || create.ID != "aaaa" {
		t.Fatalf("want expire then create of aaaa: %+v %+v", expire, create)
	}
	h.accept("aaaa", clientSources("aaaa", 1000))

	if r := restart(); r.Error == nil || r.Error.Condition != stanza.ResourceConstraint {
		t.Fatalf("second restart within min-interval: %+v", r.Error)
	}
	if s := h.snapshot().Participants[0]; s.State != "idle" {
		t.Fatalf("rate-limited restart still ends the session: %+v", s)
	}
	h.clock.Advance(6 * time.Second)
	h.join(occupant("cccc")) // invites the idle aaaa again, as jicofo does on a join
	if s := h.snapshot().Participants[0]; s.State != "pending" {
		t.Fatalf("aaaa %+v", s)
	}
}

func TestSessionInitiateRefused(t *testing.T) {
	h := newHarness(t, "", bridge1)
	h.sig.refuse[testRoom+"/bbbb"] = jingle.ErrUnknownSession
	h.join(occupant("aaaa"))
	h.join(occupant("bbbb"))
	s := h.snapshot()
	if s.Participants[1].State != "idle" || s.Participants[0].State != "pending" {
		t.Fatalf("snapshot %+v", s)
	}
	if got := h.bridges.endpointsOn(bridge1, testMeeting); len(got) != 1 {
		t.Fatalf("bridge holds %v", got)
	}
	wantActions(t, h, "bbbb", jingle.ActionSessionInitiate, jingle.ActionSessionTerminate)
}
