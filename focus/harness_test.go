package focus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/internal/clock"
	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

const (
	testRoom    = "room1@conference.example.com"
	testMeeting = "meeting-1"
	bridge1     = "jvbbrewery@internal.auth.example.com/jvb1"
	bridge2     = "jvbbrewery@internal.auth.example.com/jvb2"
	// failsafe only ends a hung test; no test asserts on time.
	failsafe = 20 * time.Second
)

// harness runs one conference against the doubles, a real brewery registry
// and a fake clock.
type harness struct {
	t       testing.TB
	conf    *Conference
	clock   *clock.Fake
	reg     *brewery.Registry
	bridges *fakeBridges
	sig     *fakeSignaller
	pres    *fakePresence
	runErr  chan error
	cancel  context.CancelFunc
	stopped sync.Once
}

func newHarness(t testing.TB, confText string, bridgeJIDs ...string) *harness {
	t.Helper()
	h := &harness{t: t, clock: clock.NewFake(time.Unix(1_700_000_000, 0)), bridges: newFakeBridges(),
		sig: newFakeSignaller(), pres: &fakePresence{}, runErr: make(chan error, 1)}
	var conf atomic.Pointer[Conference]
	h.reg = brewery.NewRegistry(brewery.Config{}, h.clock, func(ev brewery.Event) {
		if c := conf.Load(); c != nil {
			c.BridgeEvent(ev)
		}
	})
	for i, b := range bridgeJIDs {
		h.reg.Update(b, brewery.Stats{HasStress: true, StressLevel: 0.1 * float64(i+1), Healthy: true, Version: "2.3"})
	}
	var ids atomic.Int64
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("FOCUS_TEST_LOG") != "" {
		logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	c, err := New(Params{Room: testRoom, MeetingID: testMeeting, FocusJID: "focus@auth.example.com/focus",
		Config: testConfig(t, confText), Registry: h.reg, Signaller: h.sig, Bridges: h.bridges, Presence: h.pres,
		Clock: h.clock, Logger: logger, NewID: func() string { return fmt.Sprintf("id-%d", ids.Add(1)) }})
	if err != nil {
		t.Fatal(err)
	}
	conf.Store(c)
	h.conf = c
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.runErr <- c.Run(ctx) }()
	t.Cleanup(h.stop)
	return h
}

func (h *harness) stop() {
	h.stopped.Do(func() {
		h.cancel()
		select {
		case <-h.conf.Done():
		case <-time.After(failsafe):
			h.t.Error("conference did not stop")
		}
	})
}

func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), failsafe)
	h.t.Cleanup(cancel)
	return ctx
}

// settle waits until the executor and every send queue are idle, so the
// recorded IQs are all there is. The check runs on the executor, where no
// task can be queued concurrently.
func (h *harness) settle() {
	h.t.Helper()
	s := h.conf.state
	deadline := time.After(failsafe)
	for {
		idle := false
		err := h.conf.do(h.ctx(), func(*conference) { idle = s.act.n.Load() == 0 && h.conf.mail.pending() == 0 })
		if errors.Is(err, ErrClosed) || idle {
			return
		}
		if err != nil {
			h.t.Fatal(err)
		}
		if s.act.n.Load() > 0 {
			select {
			case <-s.act.idle:
			case <-deadline:
				h.t.Fatal("conference never settled")
			}
		}
	}
}

func occupant(nick string) Occupant {
	return Occupant{Nick: nick, JID: testRoom + "/" + nick, Role: colibri.RoleParticipant,
		StatsID: nick + "-stats", Features: WebClientFeatures, AudioMuted: false}
}

func (h *harness) join(o Occupant) {
	h.t.Helper()
	if err := h.conf.Join(h.ctx(), o); err != nil {
		h.t.Fatal(err)
	}
	h.settle()
}

func (h *harness) leave(nick string) {
	h.t.Helper()
	if err := h.conf.Leave(h.ctx(), nick); err != nil && !errors.Is(err, ErrClosed) {
		h.t.Fatal(err)
	}
	h.settle()
}

// jingleTo returns every Jingle request sent to the occupant, in order.
func (h *harness) jingleTo(nick string) []*jingle.Jingle {
	calls, _ := h.sig.rec.snapshot()
	var out []*jingle.Jingle
	for _, c := range calls {
		if c.To == testRoom+"/"+nick {
			out = append(out, c.J)
		}
	}
	return out
}

// actions lists the actions of the Jingle requests sent to the occupant.
func (h *harness) actions(nick string) []jingle.Action {
	var out []jingle.Action
	for _, j := range h.jingleTo(nick) {
		out = append(out, j.Action)
	}
	return out
}

// last returns the last Jingle request of that action sent to the occupant.
func (h *harness) last(nick string, a jingle.Action) *jingle.Jingle {
	h.t.Helper()
	js := h.jingleTo(nick)
	for i := len(js) - 1; i >= 0; i-- {
		if js[i].Action == a {
			return js[i]
		}
	}
	h.t.Fatalf("%s got no %s (got %v)", nick, a, h.actions(nick))
	return nil
}

// bridgeCalls returns the conference-modify requests so far.
func (h *harness) bridgeCalls() []bridgeCall {
	calls, _ := h.bridges.rec.snapshot()
	return calls
}

// send delivers a Jingle request from an occupant and returns the reply.
func (h *harness) send(nick string, j *jingle.Jingle) *jingle.IQ {
	h.t.Helper()
	iq := &jingle.IQ{IQ: stanza.IQ{ID: "c-" + nick, Type: stanza.SetIQ, From: jid.MustParse(testRoom + "/" + nick),
		To: jid.MustParse(testRoom + "/focus")}, Jingle: j}
	reply, err := h.conf.HandleJingle(h.ctx(), iq)
	if err != nil {
		h.t.Fatal(err)
	}
	h.settle()
	return reply
}

// accept answers the occupant's last session-initiate with session-accept
// carrying src, as lib-jitsi-meet does; it fails the test unless the reply
// is a result.
func (h *harness) accept(nick string, src jingle.EndpointSources) {
	h.t.Helper()
	init := h.last(nick, jingle.ActionSessionInitiate)
	if r := h.send(nick, acceptFor(nick, init.SID, src)); r.Type != stanza.ResultIQ {
		h.t.Fatalf("session-accept from %s: %+v", nick, r.Error)
	}
}

func acceptFor(nick, sid string, src jingle.EndpointSources) *jingle.Jingle {
	contents := jingle.ConferenceSourceMap{}
	if !src.IsEmpty() {
		contents.Add(src)
	}
	cs := contents.Contents()
	for _, m := range []string{jingle.ContentAudio, jingle.ContentVideo} {
		if (&jingle.Jingle{Contents: cs}).Content(m) == nil {
			cs = append(cs, jingle.Content{Name: m, Description: &jingle.Description{Media: m}})
		}
	}
	for i := range cs {
		cs[i].Creator, cs[i].Senders = jingle.CreatorResponder, jingle.SendersBoth
		cs[i].Transport = &jingle.ICEUDPTransport{Ufrag: "cl-" + nick, Pwd: "clientpwd",
			Fingerprints: []jingle.Fingerprint{{Hash: "sha-256", Setup: "active", Value: "12:34"}}}
	}
	return &jingle.Jingle{Action: jingle.ActionSessionAccept, SID: sid, Responder: testRoom + "/" + nick, Contents: cs}
}

// sourcesIn decodes the sources a Jingle request signals.
func sourcesIn(t testing.TB, j *jingle.Jingle) jingle.ConferenceSourceMap {
	t.Helper()
	m, err := j.Sources()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (h *harness) snapshot() Snapshot {
	h.t.Helper()
	s, err := h.conf.Snapshot(h.ctx())
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}
