package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func loadPaperJVB(t *testing.T, conf []byte) *JVB {
	t.Helper()
	pdata, err := os.ReadFile("testdata/paper/sip-communicator.properties")
	if err != nil {
		t.Fatal(err)
	}
	props, err := ParseProperties("sip-communicator.properties", pdata)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseJVB("jvb.conf", conf, props)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func checkPaperJVB(t *testing.T, c *JVB) {
	t.Helper()
	want := []XMPPClient{{ID: "ourprosody", Hostname: "xmpp", Port: 5222, Domain: "auth.jts.fips.de",
		Username: "jvb", Password: "CHANGE_jvb", MUCJIDs: []string{"JvbBrewery@internal.auth.jts.fips.de"},
		MUCNickname: "jvb-foo", DisableCertificateVerification: true}}
	if !reflect.DeepEqual(c.XMPPClients, want) {
		t.Errorf("XMPPClients = %+v\nwant %+v", c.XMPPClients, want)
	}
	if c.ICE.UDPPort != 10000 || c.SCTP || c.ICE.TCPEnabled || c.ICE.TCPPort != 443 {
		t.Errorf("ice/sctp = %+v sctp=%v", c.ICE, c.SCTP)
	}
	wantMap := []StaticMapping{{Name: "legacy-nat-harvester", LocalAddress: "100.64.4.3", PublicAddress: "87.253.170.146"}}
	if !reflect.DeepEqual(c.Harvest.StaticMappings, wantMap) || c.Harvest.AWSEnabled {
		t.Errorf("harvest = %+v", c.Harvest)
	}
	if c.StatsInterval != 5*time.Second || c.PresenceInterval != 5*time.Second || c.PrivateHTTP.Port != 8080 ||
		c.PublicHTTP.Port != -1 || c.WebSockets.ServerID != "default-id" || c.WebSockets.Enabled {
		t.Errorf("defaults wrong: %+v", c)
	}
}

func TestJVBPaperExact(t *testing.T) {
	conf, err := os.ReadFile("testdata/paper/jvb.conf")
	if err != nil {
		t.Fatal(err)
	}
	c := loadPaperJVB(t, conf)
	checkPaperJVB(t, c)
	var got []string
	for _, w := range c.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		`jvb.conf:1: videobridge: the '{' opened here (column 13) for "videobridge" is never closed`,
		`jvb.conf:1: videobridge.apis: the '{' opened here (column 20) for "videobridge.apis" is never closed`,
		`jvb.conf:16: videobridge.sctp.enabled: read as videobridge.sctp.enabled: the unclosed '{' put it at videobridge.apis.sctp.enabled`,
		`jvb.conf:18: videobridge.ice.tcp.enabled: read as videobridge.ice.tcp.enabled: the unclosed '{' put it at videobridge.apis.ice.tcp.enabled`,
		`jvb.conf:19: videobridge.ice.tcp.port: read as videobridge.ice.tcp.port: the unclosed '{' put it at videobridge.apis.ice.tcp.port`,
		`jvb.conf:21: videobridge.ice.udp.port: read as videobridge.ice.udp.port: the unclosed '{' put it at videobridge.apis.ice.udp.port`,
	}
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
}

func TestJVBPaperBalanced(t *testing.T) {
	conf, err := os.ReadFile("testdata/paper/jvb.conf")
	if err != nil {
		t.Fatal(err)
	}
	// the two '}' the paper's layout lost: one closing apis, one closing videobridge
	fixed := strings.Replace(string(conf), "      } } }\n", "      } } } }\n", 1) + "}\n"
	c := loadPaperJVB(t, []byte(fixed))
	checkPaperJVB(t, c)
	if len(c.Warnings) != 0 {
		t.Errorf("balanced file gave warnings: %v", c.Warnings)
	}
}

func TestLoadJVBFiles(t *testing.T) {
	c, err := LoadJVB(filepath.Join("testdata", "paper", "jvb.conf"), filepath.Join("testdata", "paper", "sip-communicator.properties"))
	if err != nil {
		t.Fatal(err)
	}
	checkPaperJVB(t, c)
	if _, err := LoadJVB("testdata/paper/jvb.conf", "testdata/none.properties"); err != nil {
		t.Errorf("missing properties file must be fine: %v", err)
	}
	if _, err := LoadJVB("testdata/none.conf", ""); err == nil {
		t.Error("missing jvb.conf must fail")
	}
}

func TestJVBErrors(t *testing.T) {
	client := "videobridge.apis.xmpp-client.configs.a { hostname = x, username = u, password = p, muc_jids = \"b@c\", muc_nickname = n }\n"
	cases := []struct {
		name, conf, props string
		kind              error
		want              string
	}{
		{"udp port type", "videobridge.ice.udp.port = abc\n", "", ErrType, `jvb.conf:1:1: videobridge.ice.udp.port: want an integer, got "abc"`},
		{"udp port range", "videobridge {\n  ice.udp.port = 70000\n}\n", "", ErrInvalid, "jvb.conf:2:3: videobridge.ice.udp.port: port 70000 out of range"},
		{"sctp type", "videobridge.sctp.enabled = [1]\n", "", ErrType, "videobridge.sctp.enabled: want a boolean, got a list"},
		{"missing password", strings.Replace(client, "password = p, ", "", 1), "", ErrMissing, "jvb.conf:1:1: videobridge.apis.xmpp-client.configs.a.password: required"},
		{"bad client port", strings.Replace(client, "}", ", PORT = 0 }", 1), "", ErrInvalid, "configs.a.PORT: port 0 out of range"},
		{"nat half", "", "org.ice4j.ice.harvest.NAT_HARVESTER_LOCAL_ADDRESS=10.0.0.1\n", ErrMissing, "sc.properties:1: org.ice4j.ice.harvest.NAT_HARVESTER_PUBLIC_ADDRESS:"},
		{"nat bad ip", "", "org.ice4j.ice.harvest.NAT_HARVESTER_LOCAL_ADDRESS=10.0.0.1\norg.ice4j.ice.harvest.NAT_HARVESTER_PUBLIC_ADDRESS=nope\n", ErrInvalid, "sc.properties:2: org.ice4j.ice.harvest.NAT_HARVESTER_PUBLIC_ADDRESS: want an IP address"},
		{"aws bool", "", "org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER=maybe\n", ErrType, "sc.properties:1: org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER: want true or false"},
		{"ws no domains", "videobridge.websockets.enabled = true\n", "", ErrMissing, "videobridge.websockets.domains: must be set"},
		{"syntax", "videobridge { ice { udp.port = 1 }\n}\n}\n", "", ErrSyntax, "jvb.conf:3:1: unexpected '}'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			props, err := ParseProperties("sc.properties", []byte(c.props))
			if err != nil {
				t.Fatal(err)
			}
			_, err = ParseJVB("jvb.conf", []byte(c.conf), props)
			if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %v containing %q", err, c.kind, c.want)
			}
		})
	}
}

func TestJVBRepairEdges(t *testing.T) {
	cases := []struct {
		name, conf string
		udp        int
		sctp       bool
		warn       []string // substrings, in order
	}{
		{"right place wins", "videobridge { ice.udp.port = 20000\n apis {\n  ice.udp.port = 30000\n",
			20000, true, []string{"videobridge: the '{'", "videobridge.apis: the '{'",
				"jvb.conf:3: videobridge.apis.ice.udp.port: ignored: it looks misplaced", "jvb.conf:3: videobridge.apis.ice.udp.port: unknown key"}},
		{"no repair, no move", "videobridge { apis { sctp.enabled = false } }\n", 10000, true,
			[]string{"jvb.conf:1: videobridge.apis.sctp.enabled: unknown key, ignored"}},
		{"root brace", "{\n videobridge.sctp.enabled = false\n", 10000, false, []string{"jvb.conf:1: the '{' opened here (column 1) for the root object"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j, err := ParseJVB("jvb.conf", []byte(c.conf), nil)
			if err != nil {
				t.Fatal(err)
			}
			if j.ICE.UDPPort != c.udp || j.SCTP != c.sctp {
				t.Errorf("udp %d sctp %v", j.ICE.UDPPort, j.SCTP)
			}
			if len(j.Warnings) != len(c.warn) {
				t.Fatalf("warnings %v", j.Warnings)
			}
			for i, w := range c.warn {
				if !strings.Contains(j.Warnings[i].String(), w) {
					t.Errorf("warning %d = %q, want %q", i, j.Warnings[i], w)
				}
			}
		})
	}
}

func TestJVBMalformed(t *testing.T) {
	paper, err := os.ReadFile("testdata/paper/jvb.conf")
	if err != nil {
		t.Fatal(err)
	}
	p := string(paper)
	cases := []struct {
		name, conf string
		line       int
	}{
		{"unclosed string", strings.Replace(p, `"jvb-foo"`, `"jvb-foo`, 1), 12},
		{"bad token", strings.Replace(p, `username = "jvb"`, `username = jvb@x`, 1), 8},
		{"unclosed list", strings.Replace(p, `port = 10000`, `port = [10000`, 1), 21},
		{"brace too many", p + "}\n}\n}\n", 26},
		{"wrong type", strings.Replace(p, "port = 10000", `port = "abc"`, 1), 21},
		{"unclosed brace plus bad token", strings.Replace(p, `username = "jvb"`, `username = jvb@x`, 1), 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseJVB("jvb.conf", []byte(c.conf), nil)
			var ce *Error
			if !errors.As(err, &ce) || ce.File != "jvb.conf" || ce.Line != c.line {
				t.Errorf("got %v, want *Error at jvb.conf:%d", err, c.line)
			}
		})
	}
}
