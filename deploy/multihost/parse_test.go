package multihost

import (
	"errors"
	"net/netip"
	"os"
	"reflect"
	"testing"
)

// golden is the emitted tree of deploy's xmppd-3bridges description.
const golden = "../testdata/golden/xmppd-3bridges/"

func readGolden(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(golden + path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseServiceGolden(t *testing.T) {
	for _, tc := range []struct {
		machine, name string
		want          Service
	}{
		{"xmpp", "xmppd", Service{Name: "xmppd", Path: "/usr/local/bin/xmppd", Args: []string{"-config", "/etc/xmppd/xmppd.conf"}}},
		{"focus", "jicofo", Service{Name: "jicofo", Path: "/usr/local/bin/focus", Args: []string{"-host=meet.example.org"},
			Env: []string{"JICOFO_CONF=/etc/jicofo/jicofo.conf"}}},
		{"bridge-a", "jvb", Service{Name: "jvb", Path: "/usr/local/bin/bridge", Args: []string{},
			Env: []string{"JVB_CONF=/etc/jvb/jvb.conf", "JVB_SC_HOME_LOCATION=/etc", "JVB_SC_HOME_NAME=jvb"}}},
	} {
		rc := readGolden(t, tc.machine+"/etc/rc.conf.local")
		names, err := PkgScripts(rc)
		if err != nil || len(names) != 1 || names[0] != tc.name {
			t.Fatalf("%s: pkg_scripts %v %v", tc.machine, names, err)
		}
		got, err := ParseService(tc.name, readGolden(t, tc.machine+"/etc/rc.d/"+tc.name), rc)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Args) == 0 {
			got.Args = []string{}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.machine, got, tc.want)
		}
	}
}

func TestParseServiceErrors(t *testing.T) {
	for name, script := range map[string]string{
		"no daemon":     "daemon_flags=\"\"\n",
		"relative":      "daemon=\"focus\"\n",
		"exec tail":     "daemon=\"/x\"\nrc_start() {\n rc_exec \"A=b ${daemon}\"\n}\n",
		"exec variable": "daemon=\"/x\"\nrc_start() {\n rc_exec \"A=$HOME ${daemon} ${daemon_flags}\"\n}\n",
	} {
		if _, err := ParseService("x", []byte(script), nil); !errors.Is(err, ErrParse) {
			t.Errorf("%s: err %v", name, err)
		}
	}
	if _, err := ParseRCConf([]byte("pkg_scripts\n")); !errors.Is(err, ErrParse) {
		t.Errorf("rc.conf.local without '=': %v", err)
	}
}

func TestParseAccounts(t *testing.T) {
	cmds, err := ParseAccounts(readGolden(t, "xmpp/etc/jitsi-deploy/accounts.sh"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) != 2 || !reflect.DeepEqual(cmds[0][:5], []string{"xmppd", "-config", "/etc/xmppd/xmppd.conf", "register", "focus"}) ||
		cmds[1][4] != "jvb" {
		t.Fatalf("commands %q", cmds)
	}
	for _, bad := range []string{"xmppd register a b \"c d\"\n", "echo $X\n", "a | b\n", "# only a comment\n"} {
		if _, err := ParseAccounts([]byte(bad)); !errors.Is(err, ErrParse) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestParseHostnameIf(t *testing.T) {
	p, err := ParseHostnameIf(readGolden(t, "bridge-a/etc/hostname.vio0"))
	if err != nil || p != netip.MustParsePrefix("100.64.4.3/31") {
		t.Fatalf("%v %v", p, err)
	}
	gw, err := ParseMygate(readGolden(t, "bridge-a/etc/mygate"))
	if err != nil || gw != netip.MustParseAddr("100.64.4.2") || !p.Contains(gw) {
		t.Fatalf("mygate %v %v", gw, err)
	}
	for _, bad := range []string{"dhcp\n", "inet 100.64.4.3\n", "inet 100.64.4.3 255.0.255.0\n", "inet ::1 255.255.255.0\n"} {
		if _, err := ParseHostnameIf([]byte(bad)); !errors.Is(err, ErrParse) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestParseNginx(t *testing.T) {
	s, err := ParseNginx(readGolden(t, "web/etc/nginx/nginx.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Listen != "443" || s.ServerName != "meet.example.org" || s.Cert != "/etc/ssl/meet.pem" || s.Key != "/etc/ssl/private/meet.key" || len(s.Locations) != 5 {
		t.Fatalf("site %+v", s)
	}
	for _, tc := range []struct{ path, query, want string }{
		{"/xmpp-websocket", "room=x", "http://100.64.1.3:5280/xmpp-websocket?room=x"},
		{"/http-bind", "", "http://100.64.1.3:5280/http-bind"},
		{"/colibri-ws/bridge-a/conf/ep", "pwd=p", "http://100.64.4.3:9090/colibri-ws/bridge-a/conf/ep?pwd=p"},
		{"/colibri-ws/bridge-b/c/e", "", "http://100.64.5.3:9090/colibri-ws/bridge-b/c/e"},
		{"/colibri-ws/bridge-x/c/e", "", ""},
		{"/xmpp-websocket/x", "", ""},
	} {
		got := ""
		for _, l := range s.Locations {
			if u, ok := l.Target(tc.path, tc.query); ok {
				got = u.String()
				break
			}
		}
		if got != tc.want {
			t.Errorf("%s?%s → %q, want %q", tc.path, tc.query, got, tc.want)
		}
	}
	if _, err := ParseNginx([]byte("http {\n server {\n listen 80;\n }\n}\n")); !errors.Is(err, ErrParse) {
		t.Errorf("plain-HTTP-only file: %v", err)
	}
}
