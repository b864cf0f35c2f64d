package bridge

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"nhooyr.io/websocket"
)

// openChannel dials the web socket URL of the Colibri2 answer and checks
// that the bridge greets with ServerHello.
func (c *client) openChannel(ctx context.Context, t *testing.T) {
	t.Helper()
	url := c.bridgeTr.WebSocketURL()
	ws, _, err := websocket.Dial(ctx, url, nil)
	must(t, err)
	t.Cleanup(func() { _ = ws.CloseNow() })
	c.ws = ws
	_, data, err := ws.Read(ctx)
	must(t, err)
	var hello map[string]any
	must(t, json.Unmarshal(data, &hello))
	if hello["colibriClass"] != ClassServerHello {
		t.Fatalf("%s: first message %s, want ServerHello", c.id, data)
	}
	go func() {
		for {
			_, data, err := ws.Read(context.Background())
			if err != nil {
				c.closeErr = err
				close(c.msgs)
				return
			}
			var m map[string]json.RawMessage
			if json.Unmarshal(data, &m) == nil {
				c.msgs <- m
			}
		}
	}()
}

func (c *client) sendJSON(ctx context.Context, t *testing.T, v any) {
	t.Helper()
	data, err := json.Marshal(v)
	must(t, err)
	must(t, c.ws.Write(ctx, websocket.MessageText, data))
}

// waitMessage reads bridge channel messages until one satisfies ok.
func (c *client) waitMessage(ctx context.Context, t *testing.T, ok func(map[string]json.RawMessage) bool) map[string]json.RawMessage {
	t.Helper()
	for {
		select {
		case m, open := <-c.msgs:
			if !open {
				t.Fatalf("%s: bridge channel closed", c.id)
			}
			if ok(m) {
				return m
			}
		case <-ctx.Done():
			t.Fatalf("%s: message never arrived: %v", c.id, ctx.Err())
		}
	}
}

func class(m map[string]json.RawMessage) string {
	var s string
	_ = json.Unmarshal(m["colibriClass"], &s)
	return s
}

// waitForwarded waits for a ForwardedSources message naming all sources.
func (c *client) waitForwarded(ctx context.Context, t *testing.T, want ...string) {
	t.Helper()
	c.waitMessage(ctx, t, func(m map[string]json.RawMessage) bool {
		if class(m) != ClassForwardedSources {
			return false
		}
		var got []string
		_ = json.Unmarshal(m["forwardedSources"], &got)
		for _, w := range want {
			if !slices.Contains(got, w) {
				return false
			}
		}
		return true
	})
}
