package jingle

import (
	"encoding/xml"
	"reflect"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// holder wraps the shared elements the way a Jingle content carries them.
type holder struct {
	XMLName   xml.Name        `xml:"urn:xmpp:jingle:1 content"`
	Transport ICEUDPTransport `xml:"urn:xmpp:jingle:transports:ice-udp:1 transport"`
	Desc      struct {
		Payloads []PayloadType `xml:"urn:xmpp:jingle:apps:rtp:1 payload-type"`
		HdrExts  []HdrExt      `xml:"urn:xmpp:jingle:apps:rtp:rtp-hdrext:0 rtp-hdrext"`
		Sources  []Source      `xml:"urn:xmpp:jingle:apps:rtp:ssma:0 source"`
		Groups   []SSRCGroup   `xml:"urn:xmpp:jingle:apps:rtp:ssma:0 ssrc-group"`
	} `xml:"urn:xmpp:jingle:apps:rtp:1 description"`
}

const elementsFixture = `<content xmlns="urn:xmpp:jingle:1">
 <description xmlns="urn:xmpp:jingle:apps:rtp:1">
  <payload-type id="100" name="VP8" clockrate="90000">
   <rtcp-fb xmlns="urn:xmpp:jingle:apps:rtp:rtcp-fb:0" type="nack" subtype="pli"/>
   <parameter name="x-google-start-bitrate" value="800"/>
  </payload-type>
  <rtp-hdrext xmlns="urn:xmpp:jingle:apps:rtp:rtp-hdrext:0" id="5" uri="http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"/>
  <source xmlns="urn:xmpp:jingle:apps:rtp:ssma:0" ssrc="4294967295" name="abcd1234-v0" videoType="camera">
   <ssrc-info xmlns="http://jitsi.org/jitmeet" owner="abcd1234"/>
   <parameter name="msid" value="s1 t1"/>
   <x:future xmlns:x="urn:example:future" level="3"><x:deep>kept</x:deep></x:future>
  </source>
  <ssrc-group xmlns="urn:xmpp:jingle:apps:rtp:ssma:0" semantics="FID"><source ssrc="1"/><source ssrc="2"/></ssrc-group>
 </description>
 <transport xmlns="urn:xmpp:jingle:transports:ice-udp:1" ufrag="u1" pwd="p1">
  <rtcp-mux/>
  <fingerprint xmlns="urn:xmpp:jingle:apps:dtls:0" hash="sha-256" setup="actpass">AB:CD</fingerprint>
  <candidate component="1" foundation="1" generation="0" id="c1" ip="10.0.0.5" network="0" port="10000" priority="2130706431" protocol="udp" type="host"/>
  <web-socket xmlns="http://jitsi.org/protocol/colibri" url="wss://meet.example.com/colibri-ws/default-id/c/e?pwd=x"/>
  <unknown xmlns="urn:example:x" a="b"/>
 </transport>
</content>`

func TestSharedElementsRoundTrip(t *testing.T) {
	var h holder
	if err := xml.Unmarshal([]byte(elementsFixture), &h); err != nil {
		t.Fatal(err)
	}
	if got := h.Desc.Sources[0]; got.SSRC != 4294967295 || got.Owner() != "abcd1234" || got.MSID() != "s1 t1" || len(got.Extra) != 1 {
		t.Fatalf("source decoded as %+v", got)
	}
	if h.Transport.RTCPMux == nil || h.Transport.Fingerprints[0].Value != "AB:CD" || len(h.Transport.Extra) != 1 {
		t.Fatalf("transport decoded as %+v", h.Transport)
	}
	if got := h.Desc.Groups[0].SSRCs(); !reflect.DeepEqual(got, []uint32{1, 2}) {
		t.Fatalf("group %v", got)
	}
	out, err := xml.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	if err := xmlx.Equal([]byte(elementsFixture), out); err != nil {
		t.Fatalf("re-encoded XML differs: %v\n%s", err, out)
	}
	var again holder
	if err := xml.Unmarshal(out, &again); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h, again) {
		t.Fatalf("round trip changed the value:\n%+v\n%+v", h, again)
	}
}
