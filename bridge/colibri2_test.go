package bridge

import (
	"context"
	"os"
	"strings"
	"testing"

	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/colibri"
)

func TestColibri2CreateAnswer(t *testing.T) {
	tb := newTestBridge(t, Config{})
	resp := tb.mustModify(t, createEndpoint("m1", "ep0", true))
	ep := resp.Endpoint("ep0")
	ice := ep.Transport.ICEUDP
	if ice.Ufrag == "" || len(ice.Pwd) < 22 || ice.RTCPMux == nil || len(ice.Candidates) == 0 {
		t.Fatalf("transport %+v", ice)
	}
	if fp := ice.Fingerprints; len(fp) != 1 || fp[0].Hash != "sha-256" || fp[0].Setup != "actpass" || len(fp[0].Value) != 95 {
		t.Errorf("fingerprint %+v", fp)
	}
	c := ice.Candidates[0]
	if c.Type != "host" || c.IP != "127.0.0.1" || c.Port != int(tb.SFU().LocalAddr().Port()) || c.Protocol != "udp" || c.Component != 1 {
		t.Errorf("candidate %+v", c)
	}
	if ep.Transport.SCTP != nil {
		t.Error("sctp in the answer without a request")
	}
	a, v := resp.Sources.ByID("jvb-a0"), resp.Sources.ByID("jvb-v0")
	if a == nil || v == nil || a.Type != "audio" || v.Type != "video" || a.Sources[0].SSRC == 0 || a.Sources[0].Name != "jvb-a0" {
		t.Fatalf("feedback sources %+v", resp.Sources)
	}
	confID, _ := tb.ConferenceID("m1")
	if u := ep.Transport.WebSocketURL(); !strings.Contains(u, "/colibri-ws/default-id/"+confID+"/ep0?pwd=") {
		t.Errorf("web socket URL %q", u)
	}
	// A second endpoint: feedback sources again, the same SSRCs.
	resp2 := tb.mustModify(t, createEndpoint("m1", "ep1", false))
	if resp2.Sources.ByID("jvb-a0").Sources[0].SSRC != a.Sources[0].SSRC {
		t.Error("feedback SSRC changed")
	}
	// An update answers without transport or sources.
	resp3 := tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "m1", Endpoints: []colibri.Endpoint{{ID: "ep1", ForceMute: &colibri.ForceMute{Audio: true}}}})
	if resp3.Sources != nil || resp3.Endpoint("ep1").Transport != nil {
		t.Errorf("update answered %+v", resp3)
	}
	if sep, _ := tb.Endpoint("m1", "ep1"); sep != nil {
		if a, v := sep.Muted(); !a || v {
			t.Errorf("force-mute: audio %v video %v", a, v)
		}
	}
}

func TestColibri2NoWebSocketURLWhenDisabled(t *testing.T) {
	tb := newTestBridge(t, Config{})
	tb.cfg.WebSockets = false
	resp := tb.mustModify(t, createEndpoint("m1", "ep0", true))
	if u := resp.Endpoint("ep0").Transport.WebSocketURL(); u != "" {
		t.Errorf("URL %q with web sockets disabled", u)
	}
}

type c2ErrorCase struct {
	name     string
	setup    func(tb *testBridge)
	from     string
	req      *colibri.ConferenceModify
	cond     stanza.Condition
	reason   colibri.Reason
	endpoint string
}

func c2ErrorCases(t *testing.T) []c2ErrorCase {
	withSetup := func(meeting string) func(tb *testBridge) {
		return func(tb *testBridge) { tb.mustModify(t, createEndpoint(meeting, "ep0", true)) }
	}
	two := createEndpoint("m1", "a", false)
	two.Endpoints = append(two.Endpoints, createEndpoint("m1", "b", false).Endpoints...)
	noTransport := createEndpoint("m2", "ep0", true)
	noTransport.Endpoints[0].Transport = nil
	noCap := createEndpoint("m2", "ep0", true)
	noCap.Endpoints[0].Capabilities = nil
	sctp := createEndpoint("m2", "ep0", true)
	sctp.Endpoints[0].Transport.SCTP = &colibri.SCTP{}
	mixed := createEndpoint("m1", "x", false)
	mixed.Relays = []colibri.Relay{{ID: "jvb-2"}}
	badName := createEndpoint("m2", "ep0", true)
	badName.Name = "not a jid/with resource"
	return []c2ErrorCase{
		{"conference not found", nil, "", &colibri.ConferenceModify{MeetingID: "nope", Endpoints: []colibri.Endpoint{{ID: "x", Expire: true}}},
			stanza.ItemNotFound, colibri.ReasonConferenceNotFound, ""},
		{"conference exists", withSetup("m1"), "", createEndpoint("m1", "ep1", true), stanza.Conflict, colibri.ReasonConferenceAlreadyExists, ""},
		{"graceful shutdown", func(tb *testBridge) { tb.mustModify(t, createEndpoint("m1", "ep0", true)); tb.Shutdown(true) }, "",
			createEndpoint("m2", "ep0", true), stanza.ServiceUnavailable, colibri.ReasonGracefulShutdown, ""},
		{"unknown endpoint", withSetup("m1"), "", &colibri.ConferenceModify{MeetingID: "m1", Endpoints: []colibri.Endpoint{{ID: "ghost", Sources: &colibri.Sources{}}}},
			stanza.ItemNotFound, colibri.ReasonUnknownEndpoint, "ghost"},
		{"duplicate endpoint", withSetup("m1"), "", createEndpoint("m1", "ep0", false), stanza.Conflict, "", ""},
		{"no transport", nil, "", noTransport, stanza.BadRequest, "", ""},
		{"no source-names", nil, "", noCap, stanza.BadRequest, "", ""},
		{"sctp", nil, "", sctp, stanza.FeatureNotImplemented, "", ""},
		{"two created endpoints", withSetup("m1"), "", two, stanza.FeatureNotImplemented, colibri.ReasonFeatureNotImplemented, ""},
		{"endpoints and relays", withSetup("m1"), "", mixed, stanza.FeatureNotImplemented, colibri.ReasonFeatureNotImplemented, ""},
		{"relay", withSetup("m1"), "", &colibri.ConferenceModify{MeetingID: "m1", Relays: []colibri.Relay{{ID: "jvb-2", Create: true}}},
			stanza.FeatureNotImplemented, "", ""},
		{"bad name", nil, "", badName, stanza.BadRequest, "", ""},
		{"no meeting-id", nil, "", &colibri.ConferenceModify{Create: true}, stanza.BadRequest, "", ""},
		{"untrusted", nil, "mallory@meet.example.com/x", createEndpoint("m2", "ep0", true), stanza.Forbidden, "", ""},
	}
}

func TestColibri2Errors(t *testing.T) {
	for _, tc := range c2ErrorCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			tb := newTestBridge(t, Config{TrustedJIDs: []string{focusJID}})
			if tc.setup != nil {
				tc.setup(tb)
			}
			from := focusJID
			if tc.from != "" {
				from = tc.from
			}
			before := len(tb.SFU().Conferences())
			res := tb.HandleColibri2(context.Background(), from, colibri.NewConferenceModifyIQ("e1", tc.req))
			if res.Type != stanza.ErrorIQ || res.Error == nil {
				t.Fatalf("got %v, want an error", res.Type)
			}
			e := res.Error
			if e.Stanza.Condition != tc.cond || e.Reason != tc.reason || e.EndpointID != tc.endpoint {
				t.Errorf("got %v (reason %q, endpoint %q), want %s (%q, %q)", e, e.Reason, e.EndpointID, tc.cond, tc.reason, tc.endpoint)
			}
			if n := len(tb.SFU().Conferences()); n != before {
				t.Errorf("%d conferences after a failed request, want %d", n, before)
			}
		})
	}
}

func TestColibri2ErrorXML(t *testing.T) {
	tb := newTestBridge(t, Config{})
	tb.mustModify(t, createEndpoint("m1", "ep0", true))
	res := tb.modify(t, &colibri.ConferenceModify{MeetingID: "m1", Endpoints: []colibri.Endpoint{{ID: "ghost", Sources: &colibri.Sources{}}}})
	out, err := colibri.Marshal(res)
	must(t, err)
	for _, want := range []string{`type="error"`, `<item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">`,
		`<error xmlns="jitsi:colibri2" reason="unknown_endpoint">`, `<endpoint xmlns="jitsi:colibri2" id="ghost">`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("error IQ lacks %s:\n%s", want, out)
		}
	}
}

// TestColibri2JicofoCreateWithSCTP feeds jicofo's real allocation request,
// which asks for SCTP: refused as jvb with sctp disabled refuses it.
func TestColibri2JicofoCreateWithSCTP(t *testing.T) {
	data, err := os.ReadFile("../colibri/testdata/c2-create.xml")
	must(t, err)
	req, err := colibri.DecodeIQ[colibri.ConferenceModify](data)
	must(t, err)
	tb := newTestBridge(t, Config{})
	res := tb.HandleColibri2(context.Background(), req.From.String(), req)
	if res.Type != stanza.ErrorIQ || res.Error.Stanza.Condition != stanza.FeatureNotImplemented || res.ID != req.ID {
		t.Fatalf("got %v %v", res.Type, res.Err())
	}
	if _, ok := tb.ConferenceID(req.Payload.MeetingID); ok {
		t.Error("conference left behind")
	}
	req.Payload.Endpoints[0].Transport.SCTP = nil
	res = tb.HandleColibri2(context.Background(), req.From.String(), req)
	if res.Type != stanza.ResultIQ || res.To.String() != req.From.String() {
		t.Fatalf("without sctp: %v %v", res.Type, res.Err())
	}
	if sep, _ := tb.Endpoint(req.Payload.MeetingID, "a1b2c3d4"); sep == nil {
		t.Fatal("endpoint not created")
	} else if a, _ := sep.Muted(); !a {
		t.Error("force-mute audio on create not applied")
	}
}

func TestColibri2IgnoresUnknownOnExpireAndForceMute(t *testing.T) {
	tb := newTestBridge(t, Config{})
	tb.mustModify(t, createEndpoint("m1", "ep0", true))
	tb.mustModify(t, createEndpoint("m1", "ep1", false))
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "m1", Endpoints: []colibri.Endpoint{
		{ID: "ep0", ForceMute: &colibri.ForceMute{Video: true}}, {ID: "ghost", ForceMute: &colibri.ForceMute{Audio: true}},
	}})
	res := tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "m1", Endpoints: []colibri.Endpoint{{ID: "ghost", Expire: true}, {ID: "ep1", Expire: true}}})
	if e := res.Endpoint("ep1"); e == nil || !e.Expire {
		t.Errorf("expire answered %+v", res)
	}
	if _, ok := tb.Endpoint("m1", "ep1"); ok {
		t.Error("ep1 still there")
	}
	// The last endpoint leaving through a non-create request expires the conference.
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "m1", Endpoints: []colibri.Endpoint{{ID: "ep0", Expire: true}}})
	if _, ok := tb.ConferenceID("m1"); ok {
		t.Error("conference survived its last endpoint")
	}
	if len(tb.SFU().Conferences()) != 0 {
		t.Error("sfu conference survived")
	}
}

func TestColibri2ExpireConference(t *testing.T) {
	tb := newTestBridge(t, Config{})
	tb.mustModify(t, createEndpoint("m1", "ep0", true))
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "m1", Expire: true})
	if _, ok := tb.ConferenceID("m1"); ok {
		t.Error("conference not expired")
	}
	// An empty create keeps the (new) conference.
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "m1", Create: true})
	if _, ok := tb.ConferenceID("m1"); !ok {
		t.Error("empty create expired the conference")
	}
}
