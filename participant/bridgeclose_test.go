package participant

import (
	"context"
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
	if p.Bridge() == old || p.Bridge() == nil {
		t.Fatal("the new bridge channel did not replace the old one")
	}
	select {
	case <-constraints:
	case <-ctx.Done():
		t.Fatal("no ReceiverVideoConstraints on the new channel")
	}
	select {
	case <-old.Done():
	case <-ctx.Done():
		t.Fatal("the old channel never closed")
	}
	_ = p.Bridge().Close()
}
