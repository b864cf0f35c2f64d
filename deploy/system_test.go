package deploy

import (
	"strings"
	"testing"
)

func TestRCConfLocal(t *testing.T) {
	got := string(rcConfLocal([]string{"jvb", "nginx", "jicofo", "xmppd"},
		map[string]string{"jicofo": "-host=meet.example.org", "jvb": "-v"}))
	want := "jicofo_flags=-host=meet.example.org\njvb_flags=-v\npkg_scripts=nginx xmppd jicofo jvb\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := parseRCConf([]byte(got)); err != nil {
		t.Error(err)
	}
}

func TestParseRCConfRejects(t *testing.T) {
	for _, tc := range []struct{ src, msg string }{
		{"pkg_scripts=jvb\njicofo_flags=-host=a.b\n", "not sorted"},
		{"hostname=x\n", "not a variable rc.subr reads"},
		{"jicofo_flags=-host=a.b # c\n", "needs quoting"},
		{"jicofo_flags=\"-x\"\n", "needs quoting"},
		{"a_flags=1\na_flags=1\n", "set twice"},
	} {
		if _, err := parseRCConf([]byte(tc.src)); err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("parseRCConf(%q) = %v, want %q", tc.src, err, tc.msg)
		}
	}
}

func TestParseHostsAndProperties(t *testing.T) {
	h, err := parseHosts([]byte("127.0.0.1 localhost\n::1 localhost\n100.64.2.3\txmpp a.b # x\n"))
	if err != nil || h["localhost"].String() != "127.0.0.1" || h["a.b"].String() != "100.64.2.3" {
		t.Errorf("%v %v", h, err)
	}
	if _, err := parseHosts([]byte("10.0.0.1 a\n10.0.0.2 a\n")); err == nil {
		t.Error("name mapped twice accepted")
	}
	p, err := parseProperties([]byte("# c\n! c\na.b=1\nc : 2\nd 3\ne=x\\\n  y\n"))
	if err != nil || p["a.b"] != "1" || p["c"] != "2" || p["d"] != "3" || p["e"] != "xy" {
		t.Errorf("%v %v", p, err)
	}
}

func TestCheckNginxAndLua(t *testing.T) {
	for _, bad := range []string{"a b\n", "a {\n", "}\n", "a \"b;\n", "x { y }\n"} {
		if checkNginx([]byte(bad)) == nil {
			t.Errorf("checkNginx accepted %q", bad)
		}
	}
	for _, bad := range []string{"a = { \"b\"\n", "a = \"b\n", "}\n"} {
		if checkLua([]byte(bad)) == nil {
			t.Errorf("checkLua accepted %q", bad)
		}
	}
	if err := checkLua([]byte("a = { \"}\" } -- }\n")); err != nil {
		t.Error(err)
	}
}
