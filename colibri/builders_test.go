package colibri

import (
	"encoding/xml"
	"errors"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/stanza"
)

func TestHealthCheckBuilders(t *testing.T) {
	req, err := DecodeIQ[HealthCheck](readFixture(t, "healthcheck-get.xml"))
	if err != nil {
		t.Fatal(err)
	}
	built := NewHealthCheckIQ(req.ID)
	built.From, built.To = req.From, req.To
	checkEncodes(t, built, "healthcheck-get.xml")
	checkEncodes(t, HealthCheckResult(req, nil), "healthcheck-result.xml")
	res := HealthCheckResult(req, errors.New("Failed to bind single-port"))
	checkEncodes(t, res, "healthcheck-error.xml")
	if !errors.Is(res.Err(), stanza.Error{Condition: stanza.InternalServerError}) {
		t.Errorf("health error %v", res.Err())
	}
}

func TestConferenceReplyBuilder(t *testing.T) {
	req, err := DecodeIQ[Conference](readFixture(t, "conference-request.xml"))
	if err != nil {
		t.Fatal(err)
	}
	reply := req.Payload.Reply(true, "focus@auth.meet.example.com")
	reply.SetBoolProperty(PropAuthentication, false)
	reply.SetBoolProperty(PropSIPGatewayEnabled, true)
	reply.SetBoolProperty(PropVisitorsSupported, false)
	res := NewIQ(stanza.ResultIQ, req.ID, reply)
	res.From, res.To = req.To, req.From
	checkEncodes(t, res, "conference-reply.xml")
}

func TestMuteBuilders(t *testing.T) {
	req, err := DecodeIQ[Mute](readFixture(t, "mute-request.xml"))
	if err != nil {
		t.Fatal(err)
	}
	fwd := NewIQ(stanza.SetIQ, "Vq3x9-77", req.Payload.Forward(req.From.String()))
	fwd.From = req.To
	fwd.To, _ = req.To.WithResource("e5f6a7b8")
	checkEncodes(t, fwd, "mute-forwarded.xml")
	if _, err := Marshal(Mute{Media: "screen"}); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("unknown media encoded: %v", err)
	}
	var m Mute
	if err := xml.Unmarshal([]byte(`<mute xmlns="http://jitsi.org/jitmeet/chat">true</mute>`), &m); !errors.Is(err, ErrUnexpectedElement) {
		t.Errorf("foreign namespace: %v", err)
	}
	if err := xml.Unmarshal([]byte(`<mute xmlns="http://jitsi.org/jitmeet/video"> TRUE </mute>`), &m); err != nil || !m.Mute {
		t.Errorf("java boolean: %v %v", m, err)
	}
}

func TestModifiedBuilder(t *testing.T) {
	req, err := DecodeIQ[ConferenceModify](readFixture(t, "c2-create.xml"))
	if err != nil {
		t.Fatal(err)
	}
	fixture, err := DecodeIQ[ConferenceModified](readFixture(t, "c2-modified.xml"))
	if err != nil {
		t.Fatal(err)
	}
	resp := &ConferenceModified{
		Endpoints: []Endpoint{{ID: "a1b2c3d4", Transport: fixture.Payload.Endpoints[0].Transport}},
		Sources:   FeedbackSources(3191927963, 1863439907),
	}
	checkEncodes(t, ModifiedResult(req, resp), "c2-modified.xml")
}

func TestPresenceBuilders(t *testing.T) {
	fixture, err := DecodePresence(readFixture(t, "focus-presence-nobridge.xml"))
	if err != nil {
		t.Fatal(err)
	}
	p := NewPresence()
	p.From, p.To, p.ID = fixture.From, fixture.To, fixture.ID
	p.Versions = &Versions{Components: []Component{{Name: ComponentFocus, Version: "1.0.1095"}}}
	p.ConferenceProperties = &ConferenceProperties{}
	p.ConferenceProperties.Put(KeySupportTerminateRestart, "true")
	p.ConferenceProperties.Put(KeyBridgeCount, "1")
	p.ConferenceProperties.Put(KeyBridgeCount, "0")
	p.BridgeNotAvailable = &BridgeNotAvailable{}
	p.Extra = fixture.Extra
	checkEncodes(t, p, "focus-presence-nobridge.xml")
}

func checkEncodes(t *testing.T, v any, fixture string) {
	t.Helper()
	out, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := xmlx.Equal(readFixture(t, fixture), out); err != nil {
		t.Errorf("%s: %v\n%s", fixture, err, out)
	}
}
