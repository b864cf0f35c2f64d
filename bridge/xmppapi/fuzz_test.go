package xmppapi

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"testing"

	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// stubBridge answers without a media plane: the fuzz target exercises the
// XMPP side's decoding, not the bridge.
type stubBridge struct{}

func (stubBridge) HandleColibri2(_ context.Context, _ string, req colibri.ConferenceModifyIQ) colibri.ConferenceModifiedIQ {
	return colibri.ModifiedResult(req, &colibri.ConferenceModified{})
}

func (stubBridge) HandleHealthCheck(req colibri.HealthCheckIQ) colibri.HealthCheckIQ {
	return colibri.HealthCheckResult(req, nil)
}

func (stubBridge) Stats() *colibri.Stats { return colibri.NewStats() }

// FuzzIQHandlers feeds arbitrary IQs to the Colibri2, health-check,
// version and disco handlers: each answers with a stanza (or queues the
// request) and never panics.
func FuzzIQHandlers(f *testing.F) {
	for _, seed := range []string{"testdata/c2-create.xml", "../../colibri/testdata/healthcheck-get.xml",
		"../../colibri/testdata/c2-expire-endpoint.xml", "../../colibri/testdata/c2-force-mute.xml"} {
		data, err := os.ReadFile(seed)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	cfg := Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}.withDefaults()
	f.Fuzz(func(t *testing.T, data []byte) {
		iq, err := xmpp.ParseElement(data)
		if err != nil || !iq.Is(xmpp.NSClient, "iq") || iq.FirstChild() == nil {
			return
		}
		c := newConnector(cfg, goodClient(), stubBridge{}, func() {})
		s := &session{c: c, log: c.log, queue: make(chan colibriRequest, 1)}
		for _, h := range []func(*xmpp.Element) *xmpp.Element{s.onColibri2, s.onHealthCheck, s.onVersion, s.onDiscoInfo} {
			r := h(iq)
			if r == nil {
				if len(s.queue) != 1 {
					t.Fatal("no reply and nothing queued")
				}
				req := <-s.queue
				r = encodeIQ(req.iq, stubBridge{}.HandleColibri2(context.Background(), req.from, req.req))
			}
			if e := r.Child("", "error"); e != nil && e.Space != xmpp.NSClient {
				t.Fatalf("error outside jabber:client: %s", r)
			}
			if r.Local != "iq" || (r.Get("type") != "result" && r.Get("type") != "error") {
				t.Fatalf("reply %s", r)
			}
			var se stanza.Error
			if r.Get("type") == "error" && (!errors.As(xmpp.StanzaError(r), &se) || se.Condition == "") {
				t.Fatalf("error reply without a condition: %s", r)
			}
		}
	})
}
