package jingle

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// unknownChildren has an element this package does not model at every level
// where Jitsi relies on pass-through.
const unknownChildren = `<jingle xmlns="urn:xmpp:jingle:1" action="session-info" sid="s1">
 <content creator="initiator" name="video" senders="both">
  <x:hint xmlns:x="urn:example:hint" a="1"><x:deep>t</x:deep></x:hint>
  <description xmlns="urn:xmpp:jingle:apps:rtp:1" media="video">
   <payload-type id="100" name="VP8" clockrate="90000">
    <rtcp-fb-trr-int xmlns="urn:xmpp:jingle:apps:rtp:rtcp-fb:0" value="100"/>
   </payload-type>
   <rtcp-fb-trr-int xmlns="urn:xmpp:jingle:apps:rtp:rtcp-fb:0" value="0"/>
   <rtcp-fb xmlns="urn:xmpp:jingle:apps:rtp:rtcp-fb:0" type="nack"/>
   <rid-group xmlns="urn:xmpp:jingle:apps:rtp:ssma:0" semantics="SIM"><source rid="1"/></rid-group>
   <encryption required="1"><crypto crypto-suite="AES_CM_128_HMAC_SHA1_80" key-params="inline:x" tag="1"/></encryption>
  </description>
  <transport xmlns="urn:xmpp:jingle:transports:ice-udp:1" ufrag="u" pwd="p">
   <remote-candidate component="1" ip="10.0.0.1" port="1"/>
  </transport>
 </content>
 <active xmlns="urn:xmpp:jingle:apps:rtp:info:1"/>
</jingle>`

func TestUnknownChildrenSurvive(t *testing.T) {
	j, err := Decode([]byte(unknownChildren))
	if err != nil {
		t.Fatal(err)
	}
	c := j.Contents[0]
	if len(j.Extra) != 1 || len(c.Extra) != 1 || len(c.Description.Extra) != 3 || len(c.Transport.Extra) != 1 ||
		len(c.Description.PayloadTypes[0].Extra) != 1 || len(c.Description.RTCPFB) != 1 {
		t.Fatalf("unknown children not kept: %+v", j)
	}
	out, err := j.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if err := xmlx.Equal([]byte(unknownChildren), out); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	again, err := Decode(out)
	if err != nil || !reflect.DeepEqual(j, again) {
		t.Fatalf("round trip: %v", err)
	}
}

// TestJicofoParameterNamespace: jicofo's Smack writes the source's msid
// parameter in the RTP namespace; it reads the same as lib-jitsi-meet's form.
func TestJicofoParameterNamespace(t *testing.T) {
	const in = `<jingle xmlns="urn:xmpp:jingle:1" action="source-add" sid="s"><content name="audio">
	<description xmlns="urn:xmpp:jingle:apps:rtp:1" media="audio">
	<source xmlns="urn:xmpp:jingle:apps:rtp:ssma:0" ssrc="5" name="x-a0">
	<ssrc-info xmlns="http://jitsi.org/jitmeet" owner="x"/>
	<parameter xmlns="urn:xmpp:jingle:apps:rtp:1" name="msid" value="m a"/></source>
	</description></content></jingle>`
	j, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	m, err := j.Sources()
	if err != nil || m["x"].Audio[0].MSID() != "m a" {
		t.Fatalf("sources %+v, %v", m, err)
	}
}

func TestJingleValidate(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		0: {`<jingle xmlns="urn:xmpp:jingle:1" sid="s"/>`, ErrMissingAction},
		1: {`<jingle xmlns="urn:xmpp:jingle:1" action="session-dance" sid="s"/>`, ErrUnknownAction},
		2: {`<jingle xmlns="urn:xmpp:jingle:1" action="session-info"/>`, ErrMissingSID},
		3: {`<jingle xmlns="urn:xmpp:jingle:1" action="source-add" sid="s"><content/></jingle>`, ErrMissingContentName},
		4: {`<jingle xmlns="urn:xmpp:jingle:1" action="source-add" sid="s"><content name="a"/><content name="a"/></jingle>`, ErrDuplicateContent},
		5: {`<jingle xmlns="urn:xmpp:jingle:1" action="addsource" sid="s"><content name="audio"/></jingle>`, nil},
		6: {`<jingle xmlns="urn:xmpp:jingle:1" action="content-modify" sid="s"/>`, nil},
	}
	for i, tc := range tests {
		j, err := Decode([]byte(tc.in))
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if err := j.Validate(); !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("%d: Validate() = %v, want %v", i, err, tc.want)
		}
	}
	if ActionAddSource.Canonical() != ActionSourceAdd || ActionRemoveSource.Canonical() != ActionSourceRemove ||
		ActionSessionInfo.Canonical() != ActionSessionInfo {
		t.Error("Canonical")
	}
}

// TestDecodeMalformed requires errors, never panics, for broken input.
func TestDecodeMalformed(t *testing.T) {
	tests := []string{
		0: ``,
		1: `<jingle xmlns="urn:xmpp:jingle:1" action="x" sid="s">`,
		2: `<other xmlns="urn:xmpp:jingle:1"/>`,
		3: `<jingle xmlns="urn:xmpp:jingle:2" action="x" sid="s"/>`,
		4: `<jingle xmlns="urn:xmpp:jingle:1"><content name="a"><description xmlns="urn:xmpp:jingle:apps:rtp:1"><payload-type id="300"/></description></content></jingle>`,
		5: `<jingle xmlns="urn:xmpp:jingle:1"><content name="a"><description xmlns="urn:xmpp:jingle:apps:rtp:1"><source xmlns="urn:xmpp:jingle:apps:rtp:ssma:0" ssrc="-1"/></description></content></jingle>`,
		6: `<jingle xmlns="urn:xmpp:jingle:1"><bridge-session xmlns="http://jitsi.org/protocol/focus" restart="perhaps"/></jingle>`,
		7: `<jingle xmlns="urn:xmpp:jingle:1"><reason><success/><text>a</reason></jingle>`,
		8: `<jingle xmlns="urn:xmpp:jingle:1"><x:y xmlns:x="urn:x"><z></x:y></jingle>`,
		9: `<jingle xmlns="urn:xmpp:jingle:1"><content name="a"><transport xmlns="urn:xmpp:jingle:transports:ice-udp:1"><candidate port="x"/></transport></content></jingle>`,
	}
	for i, in := range tests {
		if _, err := Decode([]byte(in)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%d: Decode(%q) = %v, want ErrMalformed", i, in, err)
		}
	}
	for i, in := range []string{``, `<message/>`, `<iq type="set"><jingle xmlns="urn:xmpp:jingle:1">`, `<iq to="@@@/" type="set"/>`} {
		if _, err := DecodeIQ([]byte(in)); !errors.Is(err, ErrMalformed) {
			t.Errorf("iq %d: DecodeIQ(%q) = %v", i, in, err)
		}
	}
}

func TestIQHelpers(t *testing.T) {
	focus := jid.MustParse("room1@conference.example.com/focus")
	client := jid.MustParse("room1@conference.example.com/abcd1234")
	j := &Jingle{Action: ActionSessionTerminate, SID: "s1",
		Reason: &Reason{Condition: ReasonSuccess, Text: "moving"}}
	iq := NewSetIQ(stanza.IQ{ID: "i1", From: focus, To: client}, j)
	out, err := iq.Encode()
	if err != nil {
		t.Fatal(err)
	}
	want := `<iq type="set" to="room1@conference.example.com/abcd1234" from="room1@conference.example.com/focus" id="i1">` +
		`<jingle xmlns="urn:xmpp:jingle:1" action="session-terminate" sid="s1"><reason><success/><text>moving</text></reason></jingle></iq>`
	if err := xmlx.Equal([]byte(want), out); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if p, err := iq.Payload(); err != nil || p != j {
		t.Fatalf("Payload() = %v, %v", p, err)
	}
	res := iq.Result()
	if res.Type != stanza.ResultIQ || !res.To.Equal(focus) || !res.From.Equal(client) || res.ID != "i1" || res.Jingle != nil {
		t.Fatalf("result %+v", res)
	}
	er := iq.ErrorReply(ErrUnknownSession.WithText("no such session"))
	b, err := er.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeIQ(b)
	if err != nil || !errors.Is(back.Err(), ErrUnknownSession) || back.Error.Text != "no such session" {
		t.Fatalf("error reply %s: %+v, %v", b, back, err)
	}
	if se := back.Error.StanzaError(); se.Condition != stanza.ItemNotFound || se.Type != stanza.Cancel || se.Text[""] != "no such session" {
		t.Fatalf("stanza error %+v", se)
	}
	if !strings.Contains(back.Err().Error(), "unknown-session") {
		t.Fatalf("message %q", back.Err().Error())
	}
	bare := &IQ{IQ: stanza.IQ{Type: stanza.ErrorIQ}}
	if !errors.Is(bare.Err(), Error{Condition: stanza.UndefinedCondition}) {
		t.Fatalf("bare error %v", bare.Err())
	}
}

func TestErrorMatching(t *testing.T) {
	tests := []struct {
		err    Error
		target error
		want   bool
	}{
		0: {ErrUnknownSession, ErrUnknownSession, true},
		1: {ErrUnknownSession, Error{Jingle: UnknownSession}, true},
		2: {ErrUnknownSession, Error{Condition: stanza.ItemNotFound}, true},
		3: {ErrUnknownSession, ErrOutOfOrder, false},
		4: {ErrTieBreak, stanza.Error{Type: stanza.Cancel, Condition: stanza.Conflict}, true},
		5: {ErrUnsupportedInfo, stanza.Error{Condition: stanza.BadRequest}, false},
		6: {ErrOutOfOrder, errors.New("x"), false},
		7: {Error{Condition: stanza.BadRequest}, Error{Condition: stanza.BadRequest, Jingle: OutOfOrder}, false},
	}
	for i, tc := range tests {
		if got := errors.Is(tc.err, tc.target); got != tc.want {
			t.Errorf("%d: errors.Is(%v, %v) = %v", i, tc.err, tc.target, got)
		}
	}
}

// TestConstructedPayloadEncoding pins the XML of payloads built in code.
func TestConstructedPayloadEncoding(t *testing.T) {
	contents := []Content{NewContent(ContentAudio, &Description{Media: MediaAudio, RTCPMux: &Empty{}}, nil)}
	msg, err := NewJSONMessage(ConferenceSourceMap{OwnerJVB: {Owner: OwnerJVB, Audio: []Source{NewSource(1, "jvb-a0", msidJVBAudio, "")}}})
	if err != nil {
		t.Fatal(err)
	}
	g := NewBundleGroup(contents)
	j := &Jingle{Action: ActionSessionInitiate, Initiator: "focus@auth.example.com/focus", SID: "s", Contents: contents,
		Groups: []Group{g}, StartMuted: &StartMuted{Video: true}, JSONMessage: msg,
		BridgeSession: &BridgeSession{ID: "b", Restart: Bool(false)}}
	out, err := j.Encode()
	if err != nil {
		t.Fatal(err)
	}
	want := `<jingle xmlns="urn:xmpp:jingle:1" action="session-initiate" initiator="focus@auth.example.com/focus" sid="s">` +
		`<content creator="initiator" name="audio" senders="both"><description xmlns="urn:xmpp:jingle:apps:rtp:1" media="audio"><rtcp-mux/></description></content>` +
		`<group xmlns="urn:xmpp:jingle:apps:grouping:0" semantics="BUNDLE"><content name="audio"/></group>` +
		`<startmuted xmlns="http://jitsi.org/jitmeet/start-muted" audio="false" video="true"/>` +
		`<bridge-session xmlns="http://jitsi.org/protocol/focus" id="b" restart="false"/>` +
		`<json-message xmlns="http://jitsi.org/jitmeet">{"sources":{"jvb":[[],[],[{"s":1,"n":"jvb-a0","m":"mixedmslabel mixedlabelaudio0"}]]}}</json-message></jingle>`
	if err := xmlx.Equal([]byte(want), out); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}
