package bridge

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/sfu"
)

const (
	ptOpus   = 111
	ptVP8    = 100
	ptRTX    = 96
	extAL    = 1
	extTCC   = 5
	focusJID = "jvbbrewery@internal.auth.meet.example.com/focus"
)

// testBridge is a bridge on 127.0.0.1 with its public (web socket) and
// private (REST) listeners.
type testBridge struct {
	*Bridge
	public  *httptest.Server
	private *httptest.Server
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// newTestBridge starts an SFU on a free loopback port and a bridge with
// web sockets enabled on a loopback HTTP server.
func newTestBridge(t testing.TB, cfg Config) *testBridge {
	t.Helper()
	s, err := sfu.New(sfu.Config{ListenAddr: netip.MustParseAddrPort("127.0.0.1:0")})
	must(t, err)
	t.Cleanup(func() { _ = s.Close() })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	cfg.WebSockets = true
	cfg.Domains = []string{ln.Addr().String()}
	if cfg.Version == "" {
		cfg.Version = "2.3.0-test"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	}
	cfg.REST = RESTConfig{Health: true, Version: true, Stats: true, Prometheus: true, Drain: true, Shutdown: true}
	b, err := New(cfg, s)
	must(t, err)
	tb := &testBridge{Bridge: b}
	tb.public = httptest.NewUnstartedServer(http.HandlerFunc(b.serveWebSocket))
	_ = tb.public.Listener.Close()
	tb.public.Listener = ln
	tb.public.Start()
	tb.private = httptest.NewServer(b.RESTHandler())
	t.Cleanup(func() {
		_ = b.Close()
		tb.public.Close()
		tb.private.Close()
	})
	return tb
}

// modify sends a conference-modify from the focus and returns the answer.
func (tb *testBridge) modify(t testing.TB, m *colibri.ConferenceModify) colibri.ConferenceModifiedIQ {
	t.Helper()
	req := colibri.NewConferenceModifyIQ("c2-1", m)
	return tb.HandleColibri2(context.Background(), focusJID, req)
}

// mustModify is modify for requests that must succeed.
func (tb *testBridge) mustModify(t testing.TB, m *colibri.ConferenceModify) *colibri.ConferenceModified {
	t.Helper()
	res := tb.modify(t, m)
	if res.Type != stanza.ResultIQ || res.Payload == nil {
		t.Fatalf("conference-modify failed: %v", res.Err())
	}
	return res.Payload
}

// testMedia is what jicofo offers: opus with audio levels, VP8 with RTX
// and transport-cc.
func testMedia() []colibri.Media {
	return []colibri.Media{
		{Type: colibri.MediaAudio,
			PayloadTypes: []jingle.PayloadType{{ID: ptOpus, Name: "opus", Clockrate: 48000, Channels: 2}},
			HdrExts:      []jingle.HdrExt{{ID: extAL, URI: jingle.ExtAudioLevel}}},
		{Type: colibri.MediaVideo,
			PayloadTypes: []jingle.PayloadType{
				{ID: ptVP8, Name: "VP8", Clockrate: 90000},
				{ID: ptRTX, Name: "rtx", Clockrate: 90000, Parameters: []jingle.Parameter{{Name: "apt", Value: "100"}}},
			},
			HdrExts: []jingle.HdrExt{{ID: extTCC, URI: jingle.ExtTransportCC}}},
	}
}

// createEndpoint is jicofo's allocation request for one participant.
func createEndpoint(meetingID, id string, createConf bool) *colibri.ConferenceModify {
	ep := colibri.Endpoint{
		ID: id, Create: true, StatsID: "stats-" + id, Media: testMedia(),
		Transport:    &colibri.Transport{ICEControlling: true},
		Sources:      &colibri.Sources{},
		Capabilities: []colibri.Capability{{Name: colibri.CapSourceNames}},
	}
	return &colibri.ConferenceModify{
		MeetingID: meetingID, Name: "room1@conference.meet.example.com", Create: createConf,
		Endpoints: []colibri.Endpoint{ep},
	}
}

// waitBridgeConnected waits until the bridge side of every endpoint
// finished ICE and DTLS.
func (tb *testBridge) waitBridgeConnected(ctx context.Context, t *testing.T, meetingID string, ids ...string) {
	t.Helper()
	for {
		ch := tb.Changed()
		all := true
		for _, id := range ids {
			ep, ok := tb.Endpoint(meetingID, id)
			all = all && ok && ep.State() == sfu.TransportConnected
		}
		if all {
			return
		}
		select {
		case <-ch:
		case <-ctx.Done():
			t.Fatalf("bridge side never connected: %v", ctx.Err())
		}
	}
}
