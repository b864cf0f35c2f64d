package xmppapi

import (
	"flag"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"path/filepath"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testenv.Golden(t, filepath.Join("testdata", name), []byte(got), *update)
}

// TestGoldenStanzas pins what the focus emits: its room presence
// extensions (initial, then with a bridge count and no bridge) and its
// conference IQ reply.
func TestGoldenStanzas(t *testing.T) {
	p := newFocusPresence("1.0-test")
	golden(t, "focus-presence-initial.golden", joinXML(p.extensions())+"\n")
	p.SetConferenceProperty(colibri.KeyBridgeCount, "2")
	p.SetBridgeNotAvailable(true)
	golden(t, "focus-presence-nobridge.golden", joinXML(p.extensions())+"\n")

	s := testService(t)
	iq, err := xmpp.ParseElement([]byte(`<iq xmlns="jabber:client" type="set" id="r1" to="focus.meet.example" ` +
		`from="abc@meet.example/web"><conference xmlns="http://jitsi.org/protocol/focus" room="room1@conference.meet.example" ` +
		`machine-uid="m" session-id="s1"><property name="rtcstatsEnabled" value="false"/></conference></iq>`))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "conference-reply.golden", s.conferenceIQReply(iq, false).String()+"\n")
}
