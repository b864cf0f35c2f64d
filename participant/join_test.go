package participant

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/clock"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stanza"
	"nhooyr.io/websocket"
)

const domain = "meet.e2e.test"

// scriptedFocus is the test's side of the conference: a real XMPP client
// logged into stock prosody as focus@auth.<domain>, answering the
// conference IQ (not ready, then ready), joined to the room as "focus", and
// sending Jingle built from a pion peer's offer.
type scriptedFocus struct {
	c        *xmpp.Client
	presence chan *xmpp.Element
	accepts  chan *jingle.IQ
	requests atomic.Int32
}

func startProsody(t *testing.T, ctx context.Context) *testenv.Prosody {
	t.Helper()
	if _, err := os.Stat("/usr/bin/prosody"); err != nil {
		t.Skip("prosody not installed: apt-get install -y prosody lua-unbound")
	}
	p, err := testenv.StartProsody(ctx, testenv.ProsodyConfig{Dir: t.TempDir(), Domain: domain,
		Components: []testenv.Component{{Name: "focus." + domain, Secret: "s"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = p.Stop(sctx)
	})
	if err := p.Register(ctx, "focus", "auth."+domain, "pw"); err != nil {
		t.Fatal(err)
	}
	return p
}

func startFocus(t *testing.T, ctx context.Context, p *testenv.Prosody, room string) *scriptedFocus {
	t.Helper()
	f := &scriptedFocus{presence: make(chan *xmpp.Element, 16), accepts: make(chan *jingle.IQ, 4)}
	c, err := xmpp.DialTCP(ctx, testenv.Loopback(p.Config.C2SPort), xmpp.Config{Domain: "auth." + domain,
		Username: "focus", Password: "pw", Resource: "focus",
		OnStanza: func(e *xmpp.Element) {
			if e.Local == "presence" {
				f.presence <- e
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	f.c = c
	c.Handle(nsFocus, "conference", func(iq *xmpp.Element) *xmpp.Element {
		n := f.requests.Add(1)
		ready := "true"
		if n == 1 {
			ready = "false"
		}
		q := xmpp.NewElement(nsFocus, "conference", "room", room, "ready", ready, "focusjid", "focus@auth."+domain)
		return xmpp.Result(iq, q)
	})
	c.Handle(jingle.NS, "jingle", func(e *xmpp.Element) *xmpp.Element {
		iq, err := jingle.DecodeIQ(e.Marshal(""))
		if err != nil {
			t.Errorf("focus got bad jingle: %v", err)
			return nil
		}
		f.accepts <- iq
		return toElement(iq.Result(), e)
	})
	if err := c.Send(ctx, xmpp.NewElement(xmpp.NSClient, "presence", "to", room+"/focus").Add(xmpp.NewElement(xmpp.NSMUC, "x"))); err != nil {
		t.Fatal(err)
	}
	f.waitPresence(t, ctx, room+"/focus")
	return f
}

func (f *scriptedFocus) waitPresence(t *testing.T, ctx context.Context, from string) *xmpp.Element {
	t.Helper()
	for {
		select {
		case e := <-f.presence:
			if e.Get("from") == from && e.Get("type") == "" {
				return e
			}
		case <-ctx.Done():
			t.Fatalf("no presence from %s", from)
		}
	}
}

// sendJingle sends j to the occupant and returns the reply's error.
func (f *scriptedFocus) sendJingle(t *testing.T, ctx context.Context, to string, j *jingle.Jingle) error {
	t.Helper()
	iq := jingle.NewSetIQ(stanza.IQ{ID: f.c.NewID()}, j)
	b, err := iq.Encode()
	if err != nil {
		t.Fatal(err)
	}
	el, err := xmpp.ParseElement(b)
	if err != nil {
		t.Fatal(err)
	}
	el.Space = xmpp.NSClient
	el.SetAttr("to", to)
	_, err = f.c.SendIQ(ctx, el)
	return err
}

// TestJoinProsody joins a room on stock prosody over WebSocket: conference
// IQ with one retry on the injected clock, Jitsi presence, disco#info, the
// Jingle handshake with acks, media both ways, errors for a stale sid, and
// session-terminate.
func TestJoinProsody(t *testing.T) {
	testenv.RequireNetNS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	p := startProsody(t, ctx)
	dialers := []struct {
		name string
		dial Dialer
	}{
		{"websocket", WebSocket(fmt.Sprintf("ws://127.0.0.1:%d/xmpp-websocket", p.Config.HTTPPort))},
		{"bosh", BOSH(fmt.Sprintf("http://127.0.0.1:%d/http-bind", p.Config.HTTPPort))},
		{"c2s", TCP(testenv.Loopback(p.Config.C2SPort))},
	}
	for i, d := range dialers {
		t.Run(d.name, func(t *testing.T) { joinScenario(t, ctx, p, fmt.Sprintf("room%d@conference.%s", i, domain), d.dial) })
	}
}

func joinScenario(t *testing.T, ctx context.Context, p *testenv.Prosody, room string, dial Dialer) {
	focus := startFocus(t, ctx, p, room)
	clk := clock.NewFake(time.Unix(0, 0))
	type joined struct {
		p   *Participant
		err error
	}
	done := make(chan joined, 1)
	returned := make(chan struct{})
	go func() {
		defer close(returned)
		pt, err := Join(ctx, JoinConfig{Dial: dial,
			Domain: domain, Room: room, FocusJID: "focus@auth." + domain + "/focus", Nick: "abcd1234",
			Media: Config{Audio: true, Video: true, SenderID: 7, VideoBitrate: 300_000}, SendMedia: true, Clock: clk})
		done <- joined{pt, err}
	}()
	if !clk.WaitForWaiters(1, returned) {
		j := <-done
		t.Fatalf("participant did not wait to retry the conference request: %v", j.err)
	}
	clk.Advance(time.Second)
	j := <-done
	if j.err != nil {
		t.Fatal(j.err)
	}
	pt := j.p
	defer pt.Close()
	if n := focus.requests.Load(); n != 2 {
		t.Fatalf("%d conference requests, want 2", n)
	}
	checkPresence(t, focus.waitPresence(t, ctx, room+"/abcd1234"))
	checkDisco(t, ctx, focus, room+"/abcd1234")

	constraints := make(chan []byte, 1)
	init := invite(t, ctx, focus, pt, room, "sess1", colibriWS(t, constraints))
	select {
	case got := <-constraints:
		if string(got) != `{"colibriClass":"ReceiverVideoConstraints","defaultConstraints":{"maxHeight":180},"lastN":-1}` {
			t.Fatalf("constraints %s", got)
		}
	case <-ctx.Done():
		t.Fatalf("no ReceiverVideoConstraints; errors %v", pt.Errors())
	}
	if tm := pt.Session().Timings(); tm.ConferenceRequest.IsZero() || tm.DTLSConnected.IsZero() || tm.FirstVideo.IsZero() {
		t.Fatalf("timings of the first session %+v", tm)
	}
	stale := &jingle.Jingle{Action: jingle.ActionSourceAdd, SID: "old"}
	if err := focus.sendJingle(t, ctx, room+"/abcd1234", stale); !errors.Is(err, stanza.Error{Condition: stanza.ItemNotFound}) {
		t.Fatalf("stale sid: %v", err)
	}
	again := *init
	if err := focus.sendJingle(t, ctx, room+"/abcd1234", &again); !errors.Is(err, stanza.Error{Condition: stanza.ServiceUnavailable}) {
		t.Fatalf("second initiate: %v", err)
	}

	// The participant asks for a restart; the focus re-invites.
	if err := pt.Terminate(ctx, "ICE FAILED", true); err != nil {
		t.Fatal(err)
	}
	term := <-focus.accepts
	if term.Jingle.Action != jingle.ActionSessionTerminate || !term.Jingle.BridgeSession.IsRestart() ||
		term.Jingle.BridgeSession.ID != "bs-sess1" || term.Jingle.Reason.Text != "ICE FAILED" {
		t.Fatalf("terminate %+v", term.Jingle)
	}
	invite(t, ctx, focus, pt, room, "sess2", "")
	if tm := pt.Session().Timings(); !tm.ConferenceRequest.IsZero() || tm.FirstAudio.IsZero() {
		t.Fatalf("timings of the re-invite %+v", tm)
	}

	end := &jingle.Jingle{Action: jingle.ActionSessionTerminate, SID: "sess2", Reason: &jingle.Reason{Condition: jingle.ReasonExpired}}
	if err := focus.sendJingle(t, ctx, room+"/abcd1234", end); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-pt.Terminated():
		if got.Reason == nil || got.Reason.Condition != jingle.ReasonExpired {
			t.Fatalf("terminate %+v", got)
		}
	case <-ctx.Done():
		t.Fatal("terminate not seen")
	}
	if errs := pt.Errors(); len(errs) != 0 {
		t.Fatalf("participant errors: %v", errs)
	}
	if err := pt.Leave(ctx); err != nil {
		t.Fatal(err)
	}
}

func checkPresence(t *testing.T, e *xmpp.Element) {
	t.Helper()
	c := e.Child(nsCaps, "c")
	if c == nil || c.Get("node") != capsNode || c.Get("ver") != CapsVer(Features) {
		t.Fatalf("caps %v in %s", c, e)
	}
	for _, want := range []string{"stats-id", "SourceInfo", "jitsi_participant_codecList"} {
		if e.Child(xmpp.NSClient, want) == nil {
			t.Fatalf("presence lacks %s: %s", want, e)
		}
	}
	if si := e.Child(xmpp.NSClient, "SourceInfo").Text(); si != `{"abcd1234-a0":{"muted":false},"abcd1234-v0":{"muted":false,"videoType":"camera"}}` {
		t.Fatalf("SourceInfo %s", si)
	}
}

func checkDisco(t *testing.T, ctx context.Context, f *scriptedFocus, to string) {
	t.Helper()
	q := xmpp.NewElement(xmpp.NSDiscoInfo, "query", "node", capsNode+"#"+CapsVer(Features))
	reply, err := f.c.SendIQ(ctx, xmpp.NewIQ("get", "", "", to, q))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, ch := range reply.Child(xmpp.NSDiscoInfo, "query").Children() {
		got[ch.Get("var")] = true
	}
	for _, f := range Features {
		if !got[f] {
			t.Errorf("disco#info lacks %s", f)
		}
	}
}

// colibriWS is a loopback websocket endpoint standing in for the bridge's
// colibri-ws: it sends ServerHello and hands over the first message.
func colibriWS(t *testing.T, first chan<- []byte) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		_ = c.Write(r.Context(), websocket.MessageText, []byte(`{"colibriClass":"ServerHello"}`))
		if _, data, err := c.Read(r.Context()); err == nil {
			first <- data
		}
		_, _, _ = c.Read(r.Context()) // until the participant closes
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/colibri-ws/default-id/conf1/abcd1234?pwd=x"
}

// invite runs one Jingle session from the focus side: a pion peer's offer as
// session-initiate (with a colibri websocket URL when ws is set), the
// session-accept, and media both ways with intact payloads.
func invite(t *testing.T, ctx context.Context, focus *scriptedFocus, pt *Participant, room, sid, ws string) *jingle.Jingle {
	t.Helper()
	peer := newPeer(t)
	init := peer.initiate(t)
	init.SID = sid
	init.BridgeSession = &jingle.BridgeSession{ID: "bs-" + sid, Region: "test"}
	if ws != "" {
		init.Contents[0].Transport.WebSockets = []jingle.WebSocket{{URL: ws}}
	}
	if err := focus.sendJingle(t, ctx, room+"/abcd1234", init); err != nil {
		t.Fatalf("session-initiate %s: %v", sid, err)
	}
	var acc *jingle.IQ
	select {
	case acc = <-focus.accepts:
	case <-ctx.Done():
		t.Fatalf("no session-accept; errors %v", pt.Errors())
	}
	if acc.Jingle.Action != jingle.ActionSessionAccept || acc.Jingle.SID != sid || acc.From.String() != room+"/abcd1234" {
		t.Fatalf("session-accept %+v from %s", acc.Jingle, acc.From)
	}
	s := <-pt.Accepted()
	if s != pt.Session() {
		t.Fatal("accepted session is not the live one")
	}
	peer.accept(t, acc.Jingle, "abcd1234")
	startSenders(ctx, t, peer)
	if err := s.Receiver().Wait(ctx, gotMedia(99, 25)); err != nil {
		t.Fatalf("participant received %+v: %v", s.Receiver().Stats(), err)
	}
	if err := peer.rx.Wait(ctx, gotMedia(7, 25)); err != nil {
		t.Fatalf("peer received %+v: %v", peer.rx.Stats(), err)
	}
	return init
}
