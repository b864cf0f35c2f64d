package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/c2s"
	"github.com/jitsi-go/jitsi-go/xmppd/local"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
	"nhooyr.io/websocket"
)

const domain = "meet.test"

func newServer(t *testing.T, lim c2s.Limits) (*Handler, *httptest.Server) {
	t.Helper()
	r := router.New(domain)
	local.Register(r, local.Services{}, local.NewRoster())
	env := &c2s.Env{Router: r, Hosts: map[string]c2s.HostConfig{domain: {Anonymous: true}}, Limits: lim,
		Log: slog.New(slog.DiscardHandler)}
	h := New(env, Config{BOSHSecure: true, WSSecure: true})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return h, srv
}

func post(t *testing.T, url, body string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Post(url, "text/xml", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestBOSHHostile(t *testing.T) {
	_, srv := newServer(t, c2s.Limits{MaxStanza: 4096})
	url := srv.URL + "/http-bind"
	for _, tc := range []struct {
		name, body string
		code       int
		want       string
	}{
		{"not xml", "<body", 400, "bad BOSH body"},
		{"not body", `<iq xmlns="jabber:client" rid="1"/>`, 400, "not a <body/>"},
		{"no rid", `<body xmlns="http://jabber.org/protocol/httpbind"/>`, 400, "rid"},
		{"billion laughs", `<!DOCTYPE l [<!ENTITY a "aaaa">]><body xmlns="http://jabber.org/protocol/httpbind" rid="1">&a;</body>`, 400, "restricted"},
		{"oversized", `<body xmlns="http://jabber.org/protocol/httpbind" rid="1">` + strings.Repeat("x", 10000) + `</body>`, 413, "too large"},
		{"unknown sid", `<body xmlns="http://jabber.org/protocol/httpbind" rid="5" sid="nope"/>`, 200, `condition="item-not-found"`},
		{"unknown host", `<body xmlns="http://jabber.org/protocol/httpbind" rid="5" to="elsewhere" wait="1"/>`, 200, `condition="host-unknown"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body, _ := post(t, url, tc.body)
			if code != tc.code || !strings.Contains(body, tc.want) {
				t.Fatalf("got %d %q", code, body)
			}
		})
	}
	// a well-behaved session still works after all of that
	c, err := xmpp.DialBOSH(context.Background(), url, xmpp.Config{Domain: domain})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
}

func TestCORS(t *testing.T) {
	_, srv := newServer(t, c2s.Limits{})
	req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/http-bind", nil)
	req.Header.Set("Origin", "https://meet.example.com")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Fatalf("CORS headers %v", resp.Header)
	}
}

func TestWebSocketOversizedFrame(t *testing.T) {
	_, srv := newServer(t, c2s.Limits{MaxStanza: 1024})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	wsURL := "ws" + strings.TrimPrefix(srv.URL, "http") + "/xmpp-websocket"
	good, err := xmpp.DialWebSocket(ctx, wsURL, xmpp.Config{Domain: domain})
	if err != nil {
		t.Fatal(err)
	}
	defer good.Close()
	c, _, err := websocket.Dial(ctx, wsURL, &websocket.DialOptions{Subprotocols: []string{"xmpp"}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	open := `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="` + domain + `" version="1.0"/>`
	_ = c.Write(ctx, websocket.MessageText, []byte(open))
	_ = c.Write(ctx, websocket.MessageText, []byte(`<message xmlns="jabber:client"><body>`+strings.Repeat("x", 1500)+`</body></message>`))
	var got []string
	for {
		_, b, err := c.Read(ctx)
		if err != nil {
			break
		}
		got = append(got, string(b))
	}
	all := strings.Join(got, "\n")
	if !strings.Contains(all, "<policy-violation") || !strings.Contains(got[len(got)-1], "<close") {
		t.Fatalf("frames: %s", all)
	}
	if _, err := good.SendIQ(ctx, xmpp.NewIQ("get", "", "", domain, xmpp.NewElement(xmpp.NSPing, "ping"))); err != nil {
		t.Fatalf("good session affected: %v", err)
	}
}

func TestShutdownTerminatesBOSH(t *testing.T) {
	h, srv := newServer(t, c2s.Limits{})
	c, err := xmpp.DialBOSH(context.Background(), srv.URL+"/http-bind", xmpp.Config{Domain: domain})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	h.Shutdown()
	<-c.Done()
	if !strings.Contains(c.Err().Error(), "system-shutdown") {
		t.Fatalf("client ended with %v", c.Err())
	}
}

func FuzzParseBody(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.xml")
	for _, file := range files {
		b, _ := os.ReadFile(file)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		body, err := ParseBody(data)
		if err != nil {
			return
		}
		again, err := ParseBody(body.Marshal(""))
		if err != nil || again.Get("rid") != body.Get("rid") || len(again.Children()) != len(body.Children()) {
			t.Fatalf("body does not survive a round trip: %v\n%q", err, data)
		}
	})
}
