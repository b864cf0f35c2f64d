package xmppapi

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/focus"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stanza"
)

// scriptedPeer answers each IQ with what answer returns, as xmpp.Client's
// SendIQ reports it (an error reply comes with its stanza error).
type scriptedPeer struct {
	answer func(iq *xmpp.Element) *xmpp.Element
	sent   []*xmpp.Element
	ids    atomic.Int64
}

func (p *scriptedPeer) NewID() string { return "t" + strconv.FormatInt(p.ids.Add(1), 10) }

func (p *scriptedPeer) SendIQ(ctx context.Context, iq *xmpp.Element) (*xmpp.Element, error) {
	p.sent = append(p.sent, iq)
	r := p.answer(iq)
	if r == nil {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return r, xmpp.StanzaError(r)
}

func parse(t *testing.T, s string) *xmpp.Element {
	t.Helper()
	e, err := xmpp.ParseElement([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestConferenceModify(t *testing.T) {
	const bridge = "JvbBrewery@internal.auth.meet.example/jvb1"
	tests := []struct {
		name    string
		answer  string
		failure focus.Failure
		ok      bool
	}{
		{"result", `<iq xmlns="jabber:client" type="result"><conference-modified xmlns="jitsi:colibri2"><endpoint id="e1"/></conference-modified></iq>`, 0, true},
		{"empty result", `<iq xmlns="jabber:client" type="result"/>`, 0, true},
		{"conference not found", `<iq xmlns="jabber:client" type="error"><conference-modify xmlns="jitsi:colibri2" meeting-id="m"/>` +
			`<error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><error xmlns="jitsi:colibri2" reason="conference_not_found"/></error></iq>`,
			focus.FailSession, false},
		{"graceful", `<iq xmlns="jabber:client" type="error"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>` +
			`<error xmlns="jitsi:colibri2" reason="graceful_shutdown"/></error></iq>`, focus.FailGraceful, false},
		{"internal", `<iq xmlns="jabber:client" type="error"><error type="wait"><internal-server-error xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
			focus.FailBridge, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &scriptedPeer{answer: func(iq *xmpp.Element) *xmpp.Element {
				r := parse(t, tt.answer)
				r.SetAttr("id", iq.Get("id"))
				r.SetAttr("from", bridge)
				return r
			}}
			resp, err := signaller{c: p}.ConferenceModify(testCtx(t, 5e9), bridge, &colibri.ConferenceModify{MeetingID: "m", Create: true})
			if tt.ok != (err == nil) {
				t.Fatalf("err = %v", err)
			}
			if err != nil && focus.ClassifyError(err) != tt.failure {
				t.Errorf("failure %v, want %v (err %v)", focus.ClassifyError(err), tt.failure, err)
			}
			if tt.ok && resp == nil {
				t.Error("nil reply")
			}
			sent := p.sent[0]
			if sent.Get("to") != bridge || sent.Get("type") != "set" || sent.Child("jitsi:colibri2", "conference-modify") == nil {
				t.Errorf("sent %s", sent)
			}
		})
	}
}

func TestConferenceModifyTimeout(t *testing.T) {
	p := &scriptedPeer{answer: func(*xmpp.Element) *xmpp.Element { return nil }}
	ctx, cancel := context.WithCancel(testCtx(t, 5e9))
	cancel()
	_, err := signaller{c: p}.ConferenceModify(ctx, "b@x/y", &colibri.ConferenceModify{MeetingID: "m"})
	if !errors.Is(err, context.Canceled) || focus.ClassifyError(err) != focus.FailBridge {
		t.Errorf("err = %v", err)
	}
}

func TestSendJingleError(t *testing.T) {
	p := &scriptedPeer{answer: func(iq *xmpp.Element) *xmpp.Element {
		return parse(t, `<iq xmlns="jabber:client" type="error" id="`+iq.Get("id")+`" from="r@c.meet.example/n">`+
			`<error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>`+
			`<unknown-session xmlns="urn:xmpp:jingle:errors:1"/></error></iq>`)
	}}
	err := signaller{c: p}.SendJingle(testCtx(t, 5e9), "r@c.meet.example/n", &jingle.Jingle{Action: jingle.ActionSessionTerminate, SID: "s1"})
	var je jingle.Error
	if !errors.As(err, &je) || je.Condition != stanza.ItemNotFound {
		t.Fatalf("err = %#v", err)
	}
	if j := p.sent[0].Child(nsJingle, "jingle"); j == nil || j.Get("action") != "session-terminate" {
		t.Errorf("sent %s", p.sent[0])
	}
}

func TestCapsCache(t *testing.T) {
	disco := `<query xmlns="http://jabber.org/protocol/disco#info"><feature var="urn:xmpp:jingle:apps:rtp:audio"/>` +
		`<feature var="urn:xmpp:jingle:apps:rtp:video"/><feature var="http://jitsi.org/json-encoded-sources"/></query>`
	fail := false
	p := &scriptedPeer{answer: func(iq *xmpp.Element) *xmpp.Element {
		if fail {
			return parse(t, `<iq xmlns="jabber:client" type="error" id="`+iq.Get("id")+`"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`)
		}
		return parse(t, `<iq xmlns="jabber:client" type="result" id="`+iq.Get("id")+`">`+disco+`</iq>`)
	}}
	c := newCapsCache()
	ctx := testCtx(t, 5e9)
	info := presenceInfo{CapsNode: "https://jitsi.org/jitsi-meet", CapsVer: "v1"}
	want := focus.FeatureAudio | focus.FeatureVideo | focus.FeatureJSONSources
	for i := 0; i < 3; i++ {
		if f := c.features(ctx, p, "r@c/n", info); f != want {
			t.Fatalf("features %b, want %b", f, want)
		}
	}
	if len(p.sent) != 1 {
		t.Errorf("%d disco queries for one caps ver", len(p.sent))
	}
	fail = true
	if f := c.features(ctx, p, "r@c/m", presenceInfo{CapsVer: "other"}); f != focus.DefaultFeatures {
		t.Errorf("failed query gave %b, want the defaults", f)
	}
	if f := c.features(ctx, p, "r@c/n", info); f != want {
		t.Errorf("cached entry lost: %b", f)
	}
}
