package bridgechan

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"nhooyr.io/websocket"
)

// scriptedBridge answers like the bridge's colibri websocket: ServerHello on
// connect, ForwardedSources for the selected sources of each constraints
// message, EndpointMessage relayed back with "from", and a dominant speaker
// event after it.
func scriptedBridge(t *testing.T, got chan<- map[string]any) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		ctx := r.Context()
		_ = c.Write(ctx, websocket.MessageText, []byte(`{"colibriClass":"ServerHello","version":"test"}`))
		_ = c.Write(ctx, websocket.MessageText, []byte(`not json`))
		for {
			_, data, err := c.Read(ctx)
			if err != nil {
				return
			}
			var m map[string]any
			if err := json.Unmarshal(data, &m); err != nil {
				t.Errorf("client sent %q", data)
				return
			}
			got <- m
			switch m["colibriClass"] {
			case ClassReceiverVideoConstraints:
				b, _ := json.Marshal(map[string]any{"colibriClass": ClassForwardedSources, "forwardedSources": m["selectedSources"]})
				_ = c.Write(ctx, websocket.MessageText, b)
			case ClassEndpointMessage:
				m["from"] = "other"
				b, _ := json.Marshal(m)
				_ = c.Write(ctx, websocket.MessageText, b)
				_ = c.Write(ctx, websocket.MessageText, []byte(`{"colibriClass":"DominantSpeakerEndpointChangeEvent","dominantSpeakerEndpoint":"other","previousSpeakers":["me"]}`))
			}
		}
	}))
}

func TestClient(t *testing.T) {
	got := make(chan map[string]any, 4)
	srv := scriptedBridge(t, got)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/colibri-ws/id/conf/ep?pwd=x", Options{Queue: 8})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.Hello():
	case <-ctx.Done():
		t.Fatal("no ServerHello")
	}
	lastN := 5
	if err := c.SendConstraints(ctx, ReceiverVideoConstraints{LastN: &lastN, SelectedSources: []string{"a-v0"},
		DefaultConstraints: &VideoConstraints{MaxHeight: 180}}); err != nil {
		t.Fatal(err)
	}
	sent := <-got
	if sent["lastN"] != float64(5) || sent["defaultConstraints"].(map[string]any)["maxHeight"] != float64(180) {
		t.Fatalf("constraints on the wire: %v", sent)
	}
	if err := c.SendEndpointMessage(ctx, "", map[string]int{"n": 1}); err != nil {
		t.Fatal(err)
	}
	<-got
	classes := map[string]Message{}
	for m := range c.Messages() {
		classes[m.Class] = m
		if m.Class == ClassDominantSpeaker {
			break
		}
	}
	if f := c.Forwarded(); len(f) != 1 || f[0] != "a-v0" {
		t.Fatalf("forwarded %v", f)
	}
	if d := c.DominantSpeaker(); d.Endpoint != "other" || len(d.PreviousSpeakers) != 1 {
		t.Fatalf("speaker %+v", d)
	}
	var em EndpointMessage
	if err := json.Unmarshal(classes[ClassEndpointMessage].Raw, &em); err != nil || em.From != "other" || string(em.Payload) != `{"n":1}` {
		t.Fatalf("endpoint message %+v %v", em, err)
	}
	if _, ok := classes[ClassServerHello]; !ok {
		t.Fatal("ServerHello not delivered")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.SendConstraints(ctx, ReceiverVideoConstraints{}); err == nil {
		t.Fatal("send after close succeeded")
	}
}

func TestDialRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/colibri-ws/x", Options{}); err == nil {
		t.Fatal("dial to a 404 succeeded")
	}
}
