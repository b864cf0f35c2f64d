//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// checkEndpointMessage sends an EndpointMessage from one page to endpoint
// to ("" broadcasts) and waits until the other page's lib-jitsi-meet raises
// ENDPOINT_MESSAGE_RECEIVED for it from fromID, having read it from its
// colibri websocket.
func checkEndpointMessage(ctx context.Context, t *testing.T, from, at *Page, fromID, to, kind string) {
	t.Helper()
	nonce := fmt.Sprintf("e2e-%s-%s", kind, fromID)
	if err := from.SendEndpointMessage(ctx, to, map[string]string{"e2e": nonce}); err != nil {
		t.Fatalf("%s EndpointMessage: %v", kind, err)
	}
	cond := fmt.Sprintf(`e2e.endpointMessages.find(m => m.payload && m.payload.e2e === %q && m.from === %q)`, nonce, fromID)
	if err := at.WaitFor(ctx, cond, nil); err != nil {
		t.Fatalf("%s EndpointMessage from %s never arrived: %v", kind, fromID, err)
	}
	log, err := at.Colibri(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range log.Messages {
		if p, ok := m.Payload.(map[string]any); ok && m.Dir == "in" && m.Class == "EndpointMessage" && p["e2e"] == nonce {
			if m.From != fromID {
				t.Errorf("%s EndpointMessage arrived with from %v, want %s (the bridge sets it)", kind, m.From, fromID)
			}
			return
		}
	}
	t.Errorf("%s EndpointMessage reached lib-jitsi-meet but not over the colibri websocket (messages %+v)", kind, log.Messages)
}

// checkColibriSocket checks that the page's one bridge channel is an open
// websocket to our bridge's public port, for its own endpoint ID.
func checkColibriSocket(ctx context.Context, t *testing.T, p *Page, port int, endpoint string) {
	t.Helper()
	log, err := p.Colibri(ctx)
	if err != nil {
		t.Fatal(err)
	}
	prefix := fmt.Sprintf("ws://127.0.0.1:%d/colibri-ws/e2e-jvb/", port)
	if len(log.Sockets) != 1 {
		t.Fatalf("colibri websockets %+v, want exactly one", log.Sockets)
	}
	s := log.Sockets[0]
	if !s.Opened || s.Closed != nil || !strings.HasPrefix(s.URL, prefix) || !strings.Contains(s.URL, "/"+endpoint+"?pwd=") {
		t.Errorf("colibri websocket %+v, want open at %s<conference>/%s?pwd=…", s, prefix, endpoint)
	}
}
