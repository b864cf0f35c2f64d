package colibri

import (
	"bytes"
	"errors"
	"testing"
)

// TestUnknownChildrenSurvive adds elements from a future protocol version at
// every level of a conference-modify and checks they are kept.
func TestUnknownChildrenSurvive(t *testing.T) {
	in := []byte(`<iq xmlns="jabber:client" type="set" id="u1">
 <conference-modify xmlns="jitsi:colibri2" meeting-id="m1">
  <future-conf xmlns="urn:example:f" level="1"><f:deep xmlns:f="urn:example:f">x</f:deep></future-conf>
  <connects><connect url="wss://t.example.com/x" protocol="mediajson" type="transcriber" audio="true"><http-header name="Authorization" value="Bearer t"/><ping interval="30" timeout="10"/></connect></connects>
  <endpoint id="e1">
   <future-ep/>
   <media type="audio"><future-media a="b"/><payload-type xmlns="urn:xmpp:jingle:apps:rtp:1" id="111" name="opus" clockrate="48000" channels="2"/><rtcp-fb xmlns="urn:xmpp:jingle:apps:rtp:rtcp-fb:0" type="transport-cc"/></media>
   <transport ice-controlling="true"><future-t/><sctp/></transport>
   <sources><future-s/><media-source type="audio" id="e1-a0"><future-ms/></media-source></sources>
  </endpoint>
  <relay id="r1"><future-r/><endpoints><future-eps/><endpoint id="e2"/></endpoints></relay>
 </conference-modify>
 <unrelated xmlns="urn:example:u"/>
</iq>`)
	iq := roundTrip[ConferenceModifyIQ](t, in)
	c := iq.Payload
	ep := c.Endpoint("e1")
	counts := []int{len(c.Extra), len(ep.Extra), len(ep.Media[0].Extra), len(ep.Transport.Extra),
		len(ep.Sources.Extra), len(ep.Sources.MediaSources[0].Extra), len(c.Relays[0].Extra), len(c.Relays[0].Endpoints.Extra), len(iq.Extra)}
	want(t, "extra counts", counts, []int{1, 1, 1, 1, 1, 1, 1, 1, 1})
	want(t, "connects", c.Connects != nil && c.Connects.Name().Local == "connects", true)
	want(t, "media-level rtcp-fb", ep.Media[0].RTCPFB[0].Type, "transport-cc")
}

func TestPresencePassThrough(t *testing.T) {
	in := []byte(`<presence xmlns="jabber:client" from="room1@conference.meet.example.com/a1b2c3d4" type="unavailable">` +
		`<stats-id>Fred-x1y</stats-id><SourceInfo>{"a1b2c3d4-a0":{"muted":true}}</SourceInfo>` +
		`<x xmlns="http://jabber.org/protocol/muc#user"><status code="110"/></x></presence>`)
	p := roundTrip[Presence](t, in)
	want(t, "extra", len(p.Extra), 3)
	want(t, "no stats", p.Stats == nil, true)
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		in     string
		target error
	}{
		0: {`<message xmlns="jabber:client"/>`, ErrUnexpectedElement},
		1: {`<iq xmlns="jabber:client" type="set" to="@bad"><conference-modify xmlns="jitsi:colibri2" meeting-id="m"/></iq>`, ErrStanza},
		2: {`<iq xmlns="jabber:client" type="set"><ping xmlns="urn:xmpp:ping"/></iq>`, nil},
		3: {`<iq xmlns="jabber:client" type="set"><conference-modify xmlns="jitsi:colibri2"><endpoint`, nil},
	}
	for i, tc := range tests {
		_, err := DecodeIQ[ConferenceModify]([]byte(tc.in))
		if err == nil || (tc.target != nil && !errors.Is(err, tc.target)) {
			t.Errorf("%d: err = %v, want %v", i, err, tc.target)
		}
	}
	if _, err := DecodePresence([]byte(`<iq/>`)); !errors.Is(err, ErrUnexpectedElement) {
		t.Errorf("presence: %v", err)
	}
}

func TestValidate(t *testing.T) {
	base := readFixture(t, "c2-create.xml")
	tests := []struct {
		from, to string
		target   error
	}{
		0: {`meeting-id="3f1c9a2e-5b7d-4e8f-a0b1-c2d3e4f5a6b7"`, `meeting-id=""`, ErrMissingAttribute},
		1: {`<endpoint id="a1b2c3d4"`, `<endpoint id=""`, ErrMissingAttribute},
		2: {`<media type="video">`, `<media type="smell">`, ErrInvalidValue},
		3: {`stats-id="Fred-x1y"`, `stats-id="Fred-x1y" muc-role="king"`, ErrInvalidValue},
		4: {`<sctp/>`, `<sctp role="peer"/>`, ErrInvalidValue},
		5: {`<sources/>`, `<sources><media-source type="audio"/></sources>`, ErrMissingAttribute},
	}
	for i, tc := range tests {
		iq, err := DecodeIQ[ConferenceModify](bytes.Replace(base, []byte(tc.from), []byte(tc.to), 1))
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if err := iq.Payload.Validate(); !errors.Is(err, tc.target) {
			t.Errorf("%d: Validate = %v, want %v", i, err, tc.target)
		}
	}
}
