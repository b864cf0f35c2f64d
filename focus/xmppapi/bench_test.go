package xmppapi

import (
	"context"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/focus"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// BenchmarkParsePresence: reading an occupant's Jitsi presence extensions.
func BenchmarkParsePresence(b *testing.B) {
	p := loadPresence(b, "presence-web.xml")
	b.ReportAllocs()
	for b.Loop() {
		_ = parsePresence(p)
	}
}

// BenchmarkConferenceModifyRoundTrip: a Colibri2 request encoded into the
// element tree and its reply decoded, as every focus→bridge IQ is.
func BenchmarkConferenceModifyRoundTrip(b *testing.B) {
	reply, _ := xmpp.ParseElement([]byte(`<iq xmlns="jabber:client" type="result" from="b@x/j"><conference-modified xmlns="jitsi:colibri2">` +
		`<endpoint id="e1"><transport><transport xmlns="urn:xmpp:jingle:transports:ice-udp:1" ufrag="u" pwd="p"/></transport></endpoint></conference-modified></iq>`))
	p := &scriptedPeer{answer: func(iq *xmpp.Element) *xmpp.Element { return reply }}
	s := signaller{c: p}
	ctx := context.Background()
	req := focus.ModifyRequest("meeting", "room@conference.x", true, colibri.Endpoint{ID: "e1"})
	b.ReportAllocs()
	for b.Loop() {
		p.sent = p.sent[:0]
		if _, err := s.ConferenceModify(ctx, "b@x/j", req); err != nil {
			b.Fatal(err)
		}
	}
}
