package participant

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant/bridgechan"
	"nhooyr.io/websocket"
)

// TestOpenBridgeDoesNotWaitForOldClose: a re-invite's bridge channel
// replaces the previous one without waiting for the previous bridge to
// answer the websocket close handshake. A frozen bridge (SIGSTOP) never
// answers, and the websocket library waits 5 s for it; the Jingle worker
// must meanwhile go on with the next action (source-add...), as
// lib-jitsi-meet does.
func TestOpenBridgeDoesNotWaitForOldClose(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	release := make(chan struct{})
	frozen := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		_ = c.Write(ctx, websocket.MessageText, []byte(`{"colibriClass":"ServerHello"}`))
		<-release // never reads again: the close handshake goes unanswered
	}))
	defer frozen.Close()
	old, err := bridgechan.Dial(ctx, "ws"+strings.TrimPrefix(frozen.URL, "http")+"/colibri-ws/x/c/e", bridgechan.Options{})
	if err != nil {
		close(release)
		t.Fatal(err)
	}
	<-old.Hello()
	constraints := make(chan []byte, 1)
	next := colibriWS(t, constraints)
	p := &Participant{ctx: ctx, cfg: JoinConfig{LastN: -1, MaxHeight: 180}, bridge: old}
	s := NewSession(Config{})
	defer s.Close()
	init := &jingle.Jingle{Action: jingle.ActionSessionInitiate, SID: "s2", Contents: []jingle.Content{{Name: "audio",
		Transport: &jingle.ICEUDPTransport{WebSockets: []jingle.WebSocket{{URL: next}}}}}}
	p.openBridge(s, init)
	select {
	case <-old.Done():
		t.Error("openBridge waited for the old bridge's close handshake")
	default:
	}
	close(release)
	select {
	case <-constraints: // sent on the new channel once it is installed
	case <-ctx.Done():
		t.Fatal("no ReceiverVideoConstraints on the new channel")
	}
	if p.Bridge() == old || p.Bridge() == nil {
		t.Fatal("the new bridge channel did not replace the old one")
	}
	select {
	case <-old.Done():
	case <-ctx.Done():
		t.Fatal("the old channel never closed")
	}
	_ = p.Bridge().Close()
}

// TestOpenBridgeDoesNotWaitForFrozenDial: the new session's bridge is
// frozen (the kernel accepts the TCP connection, nothing answers the
// websocket upgrade). openBridge must return at once, so that the Jingle
// worker goes on to the session-terminate and re-invite that move the
// participant to another bridge, and the next session's channel must
// supersede the hung dial, which is never installed.
func TestOpenBridgeDoesNotWaitForFrozenDial(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close() // never accepted: the upgrade request goes unanswered
	frozen := "ws://" + ln.Addr().String() + "/colibri-ws/x/c/e"
	p := &Participant{ctx: ctx, cfg: JoinConfig{LastN: -1, MaxHeight: 180}}
	s := NewSession(Config{})
	defer s.Close()
	initiate := func(sid, url string) *jingle.Jingle {
		return &jingle.Jingle{Action: jingle.ActionSessionInitiate, SID: sid, Contents: []jingle.Content{{Name: "audio",
			Transport: &jingle.ICEUDPTransport{WebSockets: []jingle.WebSocket{{URL: url}}}}}}
	}
	returned := make(chan struct{})
	go func() {
		p.openBridge(s, initiate("s1", frozen))
		close(returned)
	}()
	select {
	case <-returned:
	case <-ctx.Done():
		t.Fatal("openBridge waited for the frozen bridge's websocket upgrade")
	}
	constraints := make(chan []byte, 1)
	p.openBridge(s, initiate("s2", colibriWS(t, constraints)))
	select {
	case <-constraints:
	case <-ctx.Done():
		t.Fatal("no ReceiverVideoConstraints on the new channel")
	}
	next := p.Bridge()
	if next == nil {
		t.Fatal("the new bridge channel was not installed")
	}
	if errs := p.Errors(); len(errs) != 0 {
		t.Errorf("the superseded dial was reported: %v", errs)
	}
	_ = next.Close()
}
