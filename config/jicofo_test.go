package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestJicofoPaper(t *testing.T) {
	for _, host := range []string{"jts.fips.de", ""} {
		c, err := LoadJicofo("testdata/paper/jicofo.conf", host)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Warnings) != 0 {
			t.Errorf("warnings: %v", c.Warnings)
		}
		wantClient := XMPPConn{Enabled: true, Hostname: "localhost", Port: 5222, Domain: "auth.jts.fips.de",
			XMPPDomain: "jts.fips.de", Username: "focus", Resource: "focus", Password: "CHANGE_FOCUS",
			ReplyTimeout: 15 * time.Second, ConferenceMUCJID: "conference.jts.fips.de",
			ClientProxy: "focus.jts.fips.de", UseTLS: true}
		if !reflect.DeepEqual(c.Client, wantClient) {
			t.Errorf("host %q: client = %+v\nwant %+v", host, c.Client, wantClient)
		}
		if c.Bridge.BreweryJID != "JvbBrewery@internal.auth.jts.fips.de" || c.Bridge.XMPPConnectionName != "Client" {
			t.Errorf("bridge = %+v", c.Bridge)
		}
		if !reflect.DeepEqual(c.TrustedDomains, []string{"auth.jts.fips.de"}) || c.SCTP || c.Octo.SCTPDatachannels {
			t.Errorf("trusted %q sctp %v octo %+v", c.TrustedDomains, c.SCTP, c.Octo)
		}
		if c.Bridge.StressThreshold != 0.8 || c.Bridge.MaxBridgeParticipants != 80 ||
			c.Bridge.HealthChecks.RetryDelay != 5*time.Second || c.Conference.MinParticipants != 2 ||
			c.Conference.MaxSSRCGroupsPerUser != 20 || c.REST.Port != 8888 || c.REST.Host != "127.0.0.1" {
			t.Errorf("defaults: bridge %+v conference %+v rest %+v", c.Bridge, c.Conference, c.REST)
		}
		if c.Codec.Video["vp8"] != (VideoCodec{true, 100, 96, true}) || c.Codec.Opus.PT != 111 ||
			c.Codec.RTPExtensions["tcc"] != (RTPExtension{true, 5}) || c.Codec.RTPExtensions["mid"].ID != 10 {
			t.Errorf("codec = %+v", c.Codec)
		}
	}
}

func TestJicofoDerivedDefaults(t *testing.T) {
	conf := "jicofo.xmpp.client.password = x\njicofo.conference.source-signaling-delays { 100 = 1000, 50 = 500 }\n" +
		"jicofo.bridge.region-groups = [[a, b], [c]]\njicofo.unknown.key = 1\njicofo.jibri.brewery-jid = \"j@x\"\n"
	c, err := ParseJicofo("jicofo.conf", []byte(conf), "meet.example.org")
	if err != nil {
		t.Fatal(err)
	}
	if c.Client.Domain != "auth.meet.example.org" || c.Bridge.BreweryJID != "JvbBrewery@internal.auth.meet.example.org" ||
		c.Client.ClientProxy != "focus.meet.example.org" || c.Client.ConferenceMUCJID != "conference.meet.example.org" {
		t.Errorf("derived: %+v %q", c.Client, c.Bridge.BreweryJID)
	}
	if !reflect.DeepEqual(c.Conference.SourceSignalingDelays, []SizeDelay{{50, 500 * time.Millisecond}, {100, time.Second}}) {
		t.Errorf("delays = %v", c.Conference.SourceSignalingDelays)
	}
	if !reflect.DeepEqual(c.Bridge.RegionGroups, [][]string{{"a", "b"}, {"c"}}) {
		t.Errorf("region groups = %v", c.Bridge.RegionGroups)
	}
	want := []string{"jicofo.conf:4: jicofo.unknown.key: unknown key, ignored",
		"jicofo.conf:5: jicofo.jibri.brewery-jid: upstream key not used by this implementation, ignored"}
	var got []string
	for _, w := range c.Warnings {
		got = append(got, w.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings = %q", got)
	}
}

func TestJicofoErrors(t *testing.T) {
	cases := []struct {
		name, conf, host string
		kind             error
		want             string
	}{
		{"ip host", "", "10.0.0.1", ErrInvalid, "-host: \"10.0.0.1\" is an IP address"},
		{"no domain", "", "", ErrMissing, "jicofo.xmpp.client.xmpp-domain: no XMPP domain"},
		{"empty brewery", "jicofo.bridge.brewery-jid = \"\"\n", "d.org", ErrMissing, "jicofo.conf:1:1: jicofo.bridge.brewery-jid: must be set"},
		{"bad brewery", "jicofo {\n bridge.brewery-jid = JvbBrewery\n}\n", "d.org", ErrInvalid, "jicofo.conf:2:2: jicofo.bridge.brewery-jid: want a bare JID"},
		{"port type", "jicofo.xmpp.client.port = \"x\"\n", "d.org", ErrType, `jicofo.conf:1:1: jicofo.xmpp.client.port: want an integer, got "x"`},
		{"port range", "jicofo.rest.port = 0\n", "d.org", ErrInvalid, "jicofo.rest.port: port 0 out of range"},
		{"conn name", "jicofo.bridge.xmpp-connection-name = client\n", "d.org", ErrInvalid, `"client" is not one of Client, Service`},
		{"pt", "jicofo.codec.video.vp9.pt = 200\n", "d.org", ErrInvalid, "jicofo.codec.video.vp9.pt: payload type 200"},
		{"delay key", "jicofo.conference.source-signaling-delays { big = 1 }\n", "d.org", ErrInvalid, "source-signaling-delays.big"},
		{"timeout", "jicofo.xmpp.client.reply-timeout = soon\n", "d.org", ErrType, "want a duration"},
		{"syntax", "jicofo {\n  sctp { enabled = false }}\n}\n", "d.org", ErrSyntax, "jicofo.conf:3:1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseJicofo("jicofo.conf", []byte(c.conf), c.host)
			if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %v containing %q", err, c.kind, c.want)
			}
		})
	}
}
