package bridge

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"nhooyr.io/websocket"

	"github.com/jitsi-go/jitsi-go/internal/clock"
)

func TestBridgeChannelEndpointMessage(t *testing.T) {
	tb := newTestBridge(t, Config{Compression: true})
	cs := call(t, tb, 3)
	ctx := testCtx(t)
	isEM := func(m map[string]json.RawMessage) bool { return class(m) == ClassEndpointMessage }

	// Unicast: only the target gets it, with from set by the bridge.
	cs[0].sendJSON(ctx, t, map[string]any{"colibriClass": ClassEndpointMessage, "to": "ep1", "from": "spoofed",
		"msgPayload": map[string]any{"type": "e2ee", "n": 1}})
	m := cs[1].waitMessage(ctx, t, isEM)
	if string(m["from"]) != `"ep0"` || !strings.Contains(string(m["msgPayload"]), `"e2ee"`) {
		t.Fatalf("unicast relayed as %v", m)
	}

	// Broadcast reaches every other endpoint; ep2 sees it as its first
	// EndpointMessage, which proves the unicast did not reach it.
	cs[0].sendJSON(ctx, t, map[string]any{"colibriClass": ClassEndpointMessage, "to": "", "msgPayload": map[string]any{"n": 2}})
	for _, r := range cs[1:] {
		m := r.waitMessage(ctx, t, isEM)
		if string(m["from"]) != `"ep0"` || !strings.Contains(string(m["msgPayload"]), `"n":2`) {
			t.Fatalf("%s: broadcast relayed as %v", r.id, m)
		}
	}

	// EndpointStats go to the others with from; ClientHello gets ServerHello.
	cs[2].sendJSON(ctx, t, map[string]any{"colibriClass": ClassEndpointStats, "bitrate": map[string]int{"upload": 5}})
	m = cs[0].waitMessage(ctx, t, func(m map[string]json.RawMessage) bool { return class(m) == ClassEndpointStats })
	if string(m["from"]) != `"ep2"` {
		t.Fatalf("stats relayed as %v", m)
	}
	cs[1].sendJSON(ctx, t, map[string]any{"colibriClass": ClassClientHello})
	cs[1].waitMessage(ctx, t, func(m map[string]json.RawMessage) bool { return class(m) == ClassServerHello })
}

func TestBridgeChannelReplacedSocket(t *testing.T) {
	tb := newTestBridge(t, Config{})
	a := newClient(t, tb, "meeting-1", "ep0", true)
	ctx := testCtx(t)
	a.openChannel(ctx, t)
	b := &client{id: "ep0", bridgeTr: a.bridgeTr, msgs: make(chan map[string]json.RawMessage, 16)}
	b.openChannel(ctx, t) // a new socket replaces the old one
	for range a.msgs {
	}
	if websocket.CloseStatus(a.closeErr) != websocket.StatusNormalClosure || !strings.Contains(a.closeErr.Error(), "replaced") {
		t.Errorf("old socket closed with %v, want 1000 replaced", a.closeErr)
	}
	b.sendJSON(ctx, t, map[string]any{"colibriClass": ClassClientHello})
	b.waitMessage(ctx, t, func(m map[string]json.RawMessage) bool { return class(m) == ClassServerHello })
}

func TestBridgeChannelRejections(t *testing.T) {
	tb := newTestBridge(t, Config{})
	c := newClient(t, tb, "meeting-1", "ep0", true)
	good := c.bridgeTr.WebSocketURL()
	confID, _ := tb.ConferenceID("meeting-1")
	base := "ws://" + tb.public.Listener.Addr().String() + "/colibri-ws/"
	pwd := good[strings.Index(good, "?pwd=")+5:]
	tests := []struct {
		url  string
		code int
	}{
		0: {base + "default-id/" + confID, http.StatusNotFound},
		1: {base + "other-id/" + confID + "/ep0?pwd=" + pwd, http.StatusNotFound},
		2: {base + "default-id/nosuchconf/ep0?pwd=" + pwd, http.StatusForbidden},
		3: {base + "default-id/" + confID + "/nosuchep?pwd=" + pwd, http.StatusForbidden},
		4: {base + "default-id/" + confID + "/ep0?pwd=wrong", http.StatusForbidden},
		5: {base + "default-id/" + confID + "/ep0", http.StatusForbidden},
		6: {"ws://" + tb.public.Listener.Addr().String() + "/other/default-id/" + confID + "/ep0?pwd=" + pwd, http.StatusNotFound},
	}
	ctx := testCtx(t)
	for i, tc := range tests {
		_, resp, err := websocket.Dial(ctx, tc.url, nil)
		if err == nil || resp == nil || resp.StatusCode != tc.code {
			code := 0
			if resp != nil {
				code = resp.StatusCode
			}
			t.Errorf("%d: %s: status %d, err %v; want %d", i, tc.url, code, err, tc.code)
		}
	}
	if !strings.HasPrefix(good, "ws://"+tb.cfg.Domains[0]+"/colibri-ws/default-id/"+confID+"/ep0?pwd=") || len(pwd) != 24 {
		t.Errorf("web socket URL %q", good)
	}
}

// TestBridgeChannelKeepalive: with pings answered, the socket outlives
// the idle timeout on the injected clock.
func TestBridgeChannelKeepalive(t *testing.T) {
	fake := clock.NewFake(time.Now())
	tb := newTestBridge(t, Config{Clock: fake, EntityExpiration: time.Hour, StatsInterval: time.Hour})
	c := newClient(t, tb, "meeting-1", "ep0", true)
	ctx := testCtx(t)
	c.openChannel(ctx, t)
	// timer loop (expiry, stats) + the socket's keepalive
	if !fake.WaitForWaiters(3, ctx.Done()) {
		t.Fatal("keepalive not armed")
	}
	for range 5 {
		fake.Advance(15 * time.Second)
		if !fake.WaitForWaiters(3, ctx.Done()) {
			t.Fatal("keepalive not re-armed")
		}
	}
	c.sendJSON(ctx, t, map[string]any{"colibriClass": ClassClientHello})
	c.waitMessage(ctx, t, func(m map[string]json.RawMessage) bool { return class(m) == ClassServerHello })
}

// TestBridgeChannelLastNAndVideoType: LastNChangedEvent reaches the SFU's
// allocation (nothing forwarded at last-N 0), and SourceVideoTypeMessage
// is recorded (a ClientHello after it is the ordering barrier).
func TestBridgeChannelLastNAndVideoType(t *testing.T) {
	tb := newTestBridge(t, Config{})
	cs := call(t, tb, 2)
	ctx := testCtx(t)
	cs[0].sendJSON(ctx, t, map[string]any{"colibriClass": ClassLastNChanged, "lastN": 0})
	cs[0].waitMessage(ctx, t, func(m map[string]json.RawMessage) bool {
		return class(m) == ClassForwardedSources && string(m["forwardedSources"]) == "[]"
	})
	cs[1].sendJSON(ctx, t, map[string]any{"colibriClass": ClassSourceVideoType, "sourceName": "ep1-v0", "videoType": "desktop"})
	cs[1].sendJSON(ctx, t, map[string]any{"colibriClass": ClassClientHello})
	cs[1].waitMessage(ctx, t, func(m map[string]json.RawMessage) bool { return class(m) == ClassServerHello })
	confID, _ := tb.ConferenceID("meeting-1")
	_, ep := tb.lookup(confID, "ep1")
	ep.stMu.Lock()
	vt := ep.videoTypes["ep1-v0"]
	ep.stMu.Unlock()
	if vt != "desktop" {
		t.Errorf("video type %q", vt)
	}
}
