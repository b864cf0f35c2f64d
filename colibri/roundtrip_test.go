package colibri

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/stanza"
)

// roundTrip decodes data as a T, encodes it, checks the output against data
// with xmlx.Equal, decodes the output again and checks both values are equal.
func roundTrip[T any](t *testing.T, data []byte) T {
	t.Helper()
	var v T
	if err := xml.Unmarshal(data, &v); err != nil {
		t.Fatalf("decode: %v", err)
	}
	out, err := Marshal(v)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	if err := equalFixture(data, out); err != nil {
		t.Fatalf("encoded XML differs from the fixture: %v\n%s", err, out)
	}
	var again T
	if err := xml.Unmarshal(out, &again); err != nil {
		t.Fatalf("decode of encoded: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(v, again) {
		t.Fatalf("decode→encode→decode changed the value:\n%#v\n%#v", v, again)
	}
	return v
}

// redFmtp is how jicofo writes RED's fmtp: a <parameter/> without a name
// (ParameterPacketExtension with a null name).
const redFmtp = `<parameter value="111/111"/>`

// equalFixture compares encoded output with a fixture. jingle.Parameter
// writes name="" for a nameless parameter; until its name attribute is
// omitempty the RED fmtp is compared in that form too. Any other
// difference fails.
func equalFixture(fixture, out []byte) error {
	err := xmlx.Equal(fixture, out)
	if err == nil || !bytes.Contains(fixture, []byte(redFmtp)) {
		return err
	}
	quirk := bytes.ReplaceAll(fixture, []byte(redFmtp), []byte(`<parameter name="" value="111/111"/>`))
	if xmlx.Equal(quirk, out) == nil {
		return nil
	}
	return err
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func want(t *testing.T, what string, got, exp any) {
	t.Helper()
	if !reflect.DeepEqual(got, exp) {
		t.Errorf("%s = %#v, want %#v", what, got, exp)
	}
}

var fixtureTests = []struct {
	file string
	run  func(t *testing.T, data []byte)
}{
	{"brewery-presence.xml", checkBreweryPresence},
	{"focus-presence.xml", checkFocusPresence},
	{"focus-presence-nobridge.xml", func(t *testing.T, d []byte) {
		p := roundTrip[Presence](t, d)
		want(t, "bridgeNotAvailable", p.BridgeNotAvailable != nil, true)
		v, _ := p.ConferenceProperties.Get(KeyBridgeCount)
		want(t, "bridge-count", v, "0")
	}},
	{"healthcheck-get.xml", func(t *testing.T, d []byte) {
		iq := roundTrip[HealthCheckIQ](t, d)
		want(t, "type", iq.Type, stanza.GetIQ)
		want(t, "payload", iq.Payload != nil, true)
	}},
	{"healthcheck-result.xml", func(t *testing.T, d []byte) {
		iq := roundTrip[HealthCheckIQ](t, d)
		want(t, "result", iq.Type == stanza.ResultIQ && iq.Payload == nil && iq.Err() == nil, true)
	}},
	{"healthcheck-error.xml", func(t *testing.T, d []byte) {
		iq := roundTrip[HealthCheckIQ](t, d)
		want(t, "condition", iq.Error.Stanza.Condition, stanza.InternalServerError)
		want(t, "text", iq.Error.Text(), "Failed to bind single-port")
	}},
	{"conference-request.xml", checkConferenceRequest},
	{"conference-reply.xml", func(t *testing.T, d []byte) {
		c := roundTrip[ConferenceIQ](t, d).Payload
		want(t, "ready", c.IsReady(), true)
		want(t, "focusjid", c.FocusJID, "focus@auth.meet.example.com")
		v, _ := c.Property(PropAuthentication)
		want(t, "authentication", v, "false")
	}},
	{"mute-request.xml", func(t *testing.T, d []byte) {
		m := roundTrip[MuteIQ](t, d).Payload
		want(t, "mute", *m, Mute{Media: MuteAudio, JID: "room1@conference.meet.example.com/e5f6a7b8", Mute: true})
	}},
	{"mute-forwarded.xml", func(t *testing.T, d []byte) {
		m := roundTrip[MuteIQ](t, d).Payload
		want(t, "actor", m.Actor, "room1@conference.meet.example.com/a1b2c3d4")
		want(t, "media", m.Media, MuteAudio)
	}},
	{"mute-video-request.xml", func(t *testing.T, d []byte) {
		want(t, "media", roundTrip[MuteIQ](t, d).Payload.Media, MuteVideo)
	}},
	{"mute-desktop-forwarded.xml", func(t *testing.T, d []byte) {
		m := roundTrip[MuteIQ](t, d).Payload
		want(t, "media/mute", [2]any{m.Media, m.Mute}, [2]any{MuteDesktop, false})
	}},
	{"c2-create.xml", checkCreate},
	{"c2-endpoint-update.xml", checkEndpointUpdate},
	{"c2-expire-endpoint.xml", func(t *testing.T, d []byte) {
		c := roundTrip[ConferenceModifyIQ](t, d).Payload
		want(t, "expire", c.Endpoint("e5f6a7b8").Expire, true)
		want(t, "conference expire", c.Expire, false)
	}},
	{"c2-expire-conference.xml", func(t *testing.T, d []byte) {
		c := roundTrip[ConferenceModifyIQ](t, d).Payload
		want(t, "expire", c.Expire && len(c.Endpoints) == 0, true)
	}},
	{"c2-force-mute.xml", func(t *testing.T, d []byte) {
		c := roundTrip[ConferenceModifyIQ](t, d).Payload
		want(t, "a1b2c3d4", *c.Endpoint("a1b2c3d4").ForceMute, ForceMute{Audio: true, Video: true})
		want(t, "e5f6a7b8", *c.Endpoint("e5f6a7b8").ForceMute, ForceMute{})
	}},
	{"c2-ice-restart.xml", func(t *testing.T, d []byte) {
		c := roundTrip[ConferenceModifyIQ](t, d).Payload
		want(t, "ice-restart", c.Endpoint("a1b2c3d4").Transport.ICERestart, true)
	}},
	{"c2-relay-create.xml", checkRelayCreate},
	{"c2-relay-transport.xml", func(t *testing.T, d []byte) {
		r := roundTrip[ConferenceModifyIQ](t, d).Payload.Relay("jvb-5678")
		want(t, "setup", r.Transport.Fingerprint().Setup, "passive")
	}},
	{"c2-modified.xml", checkModified},
	{"c2-modified-relay.xml", func(t *testing.T, d []byte) {
		r := roundTrip[ConferenceModifiedIQ](t, d).Payload.Relay("jvb-5678")
		want(t, "ws", r.Transport.WebSocketURL(), "wss://meet.example.com:443/colibri-relay-ws/jvb-1234/7e441eda3701676e/jvb-5678?pwd=8d2hq5vx0m7c3kp9tw1nzy4a")
	}},
	{"c2-error-conference-not-found.xml", checkC2Error(stanza.ItemNotFound, ReasonConferenceNotFound, "")},
	{"c2-error-conference-already-exists.xml", checkC2Error(stanza.Conflict, ReasonConferenceAlreadyExists, "")},
	{"c2-error-graceful-shutdown.xml", checkC2Error(stanza.ServiceUnavailable, ReasonGracefulShutdown, "")},
	{"c2-error-unknown-endpoint.xml", checkC2Error(stanza.ItemNotFound, ReasonUnknownEndpoint, "e5f6a7b8")},
	{"c2-error-feature-not-implemented.xml", checkC2Error(stanza.FeatureNotImplemented, ReasonFeatureNotImplemented, "")},
	{"c2-error-bad-request.xml", checkC2Error(stanza.BadRequest, "", "")},
}

func TestFixtureRoundTrip(t *testing.T) {
	for _, tc := range fixtureTests {
		t.Run(tc.file, func(t *testing.T) {
			tc.run(t, readFixture(t, tc.file))
		})
	}
}

// TestEveryFixtureTested keeps the table and testdata/ in step.
func TestEveryFixtureTested(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, tc := range fixtureTests {
		listed[tc.file] = true
	}
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("fixture %s has no round-trip test", f)
		}
	}
}

func checkC2Error(cond stanza.Condition, reason Reason, endpoint string) func(*testing.T, []byte) {
	return func(t *testing.T, d []byte) {
		iq := roundTrip[ConferenceModifiedIQ](t, d)
		e := iq.Error
		want(t, "condition", e.Stanza.Condition, cond)
		want(t, "reason", e.Reason, reason)
		want(t, "endpoint", e.EndpointID, endpoint)
		if e.Text() == "" {
			t.Error("no text")
		}
	}
}

func checkSSRCs(t *testing.T, ms *MediaSource, ssrcs ...uint32) {
	t.Helper()
	if ms == nil {
		t.Fatal("media source missing")
	}
	want(t, ms.ID+" ssrcs", ms.SSRCs(), ssrcs)
}
