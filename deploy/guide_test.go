package deploy

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/gurkankaymak/hocon"
	"github.com/jitsi-go/jitsi-go/pf"
)

func readPaper(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "paper", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGuideVMConfIdentical(t *testing.T) {
	tree := emitFile(t, "guide.conf")
	got, _ := tree.Get("host", "/etc/vm.conf")
	body := strings.SplitN(string(got), "\n", 3)[2] // two header comments
	if body != readPaper(t, "vm.conf") {
		t.Errorf("vm.conf differs from the guide's:\n%s", body)
	}
}

func TestGuideHostsAndFlags(t *testing.T) {
	tree := emitFile(t, "guide.conf")
	ours, _ := tree.Get("host", "/etc/hosts")
	for _, l := range strings.Split(strings.TrimSpace(readPaper(t, "hosts")), "\n") {
		if !strings.Contains(normSpace(string(ours)), normSpace(l)) {
			t.Errorf("hosts lacks the guide's line %q", l)
		}
	}
	rc, _ := tree.Get("jicofo", "/etc/rc.conf.local")
	if !strings.Contains(string(rc), readPaper(t, "rc.conf.local")) {
		t.Errorf("jicofo rc.conf.local %q lacks the guide's flags", rc)
	}
	sip, _ := tree.Get("jvb", "/etc/jvb/sip-communicator.properties")
	got, _ := parseProperties(sip)
	want, _ := parseProperties([]byte(readPaper(t, "sip-communicator.properties")))
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, guide %q", k, got[k], v)
		}
	}
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestGuideTextLines checks that every line of the guide's prosody and
// nginx configuration is in ours, unless listed as a difference.
func TestGuideTextLines(t *testing.T) {
	tree := emitFile(t, "guide.conf")
	for _, c := range []struct{ fixture, machine, path string }{
		{"prosody.cfg.lua", "xmpp", "/etc/prosody/prosody.cfg.lua"},
		{"nginx.conf", "web", "/etc/nginx/nginx.conf"},
	} {
		data, _ := tree.Get(c.machine, c.path)
		ours := map[string]bool{}
		for _, l := range strings.Split(string(data), "\n") {
			ours[normSpace(l)] = true
		}
		for _, l := range strings.Split(strings.TrimSpace(readPaper(t, c.fixture)), "\n") {
			_, isListed := listed(c.fixture, l, c.machine)
			if present := ours[normSpace(l)]; present == isListed {
				t.Errorf("%s: guide line %q present=%v but listed as difference=%v", c.fixture, l, present, isListed)
			}
		}
	}
}

func TestGuideConfigJS(t *testing.T) {
	tree := emitFile(t, "guide.conf")
	data, _ := tree.Get("web", "/var/www/jitsi-meet/config.js")
	ours, err := parseConfigJS(data)
	if err != nil {
		t.Fatal(err)
	}
	// The guide's object literal, turned into JSON: quote keys, "" for ''.
	js := strings.TrimPrefix(strings.TrimSpace(readPaper(t, "config.js")), "var config = ")
	js = regexp.MustCompile(`([{,\s])([A-Za-z][A-Za-z0-9]*)\s*:`).ReplaceAllString(js, `$1"$2":`)
	js = strings.ReplaceAll(js, "'", `"`)
	var guide configJS
	if err := json.Unmarshal([]byte(js), &guide); err != nil {
		t.Fatalf("guide config.js: %v\n%s", err, js)
	}
	guide.BridgeChannel = ours.BridgeChannel // our addition: preferSctp mirrors sctp
	gj, _ := json.Marshal(guide)
	oj, _ := json.Marshal(ours)
	if string(gj) != string(oj) {
		t.Errorf("config.js\n ours  %s\n guide %s", oj, gj)
	}
}

// leaves flattens parsed HOCON into path → value.
func leaves(o hocon.Object, prefix string, out map[string]string) {
	for k, v := range o {
		p := strings.TrimPrefix(prefix+"."+k, ".")
		if sub, ok := v.(hocon.Object); ok {
			leaves(sub, p, out)
			continue
		}
		out[p] = readBack(v)
	}
}

func hoconLeaves(t *testing.T, src string) map[string]string {
	t.Helper()
	cfg, err := parseHOCON(src)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	leaves(cfg.GetRoot().(hocon.Object), "", out)
	return out
}

func TestGuideJicofoConf(t *testing.T) {
	tree := emitFile(t, "guide.conf")
	data, _ := tree.Get("jicofo", "/etc/jicofo/jicofo.conf")
	ours := hoconLeaves(t, string(data))
	for k, v := range hoconLeaves(t, readPaper(t, "jicofo.conf")) {
		if ours[k] != v {
			t.Errorf("jicofo.conf %s = %q, guide %q", k, ours[k], v)
		}
	}
}

func TestGuideJVBConf(t *testing.T) {
	paper := readPaper(t, "jvb.conf")
	if _, err := parseHOCON(paper); err == nil {
		t.Fatal("the guide's printed jvb.conf parses; the listed brace fix is stale")
	}
	fixed := strings.Replace(paper, "} } }", "} } } }", 1) + "}\n"
	guide := hoconLeaves(t, fixed)
	tree := emitFile(t, "guide.conf")
	data, _ := tree.Get("jvb", "/etc/jvb/jvb.conf")
	ours := hoconLeaves(t, string(data))
	const old, ourID = "videobridge.apis.xmpp-client.configs.ourprosody", "videobridge.apis.xmpp-client.configs.xmpp"
	for k, v := range guide {
		switch {
		case strings.HasPrefix(k, "videobridge.ice.tcp"):
			if _, present := ours[k]; present {
				t.Errorf("%s is emitted but listed as dropped", k)
			}
			continue
		case k == old+".muc_nickname":
			if ours[ourID+".muc_nickname"] != "jvb" || v != "jvb-foo" {
				t.Errorf("muc_nickname: ours %q guide %q", ours[ourID+".muc_nickname"], v)
			}
			continue
		}
		k2 := strings.Replace(k, old, ourID, 1)
		if ours[k2] != v {
			t.Errorf("jvb.conf %s = %q, guide %s = %q", k2, ours[k2], k, v)
		}
	}
}

// ruleSig is what must match between a guide rule and one of ours:
// action, direction, protocols, ports, sources, redirect target and a
// destination when it is a specific guest or table. quick and on, and
// destinations any/self/(egress), are not compared.
func ruleSig(r pf.Rule, names map[string]string) string {
	res := func(hs []pf.Host) string {
		var out []string
		for _, h := range hs {
			a := h.Addr
			if v, ok := names[a]; ok {
				a = v
			}
			if a == "any" || a == "self" || strings.HasPrefix(a, "(") {
				continue
			}
			if h.Not {
				a = "!" + a
			}
			out = append(out, a)
		}
		sort.Strings(out)
		return strings.Join(out, ",")
	}
	var ports []string
	for _, p := range r.To.Ports {
		ports = append(ports, p.String())
	}
	sort.Strings(ports)
	proto := append([]string(nil), r.Proto...)
	sort.Strings(proto)
	rdr := ""
	if r.RdrTo != nil {
		rdr = res(r.RdrTo.Hosts)
	}
	return strings.Join([]string{r.Action, r.Dir, strings.Join(proto, ","), strings.Join(ports, ","),
		"from=" + res(r.From.Hosts), "to=" + res(r.To.Hosts), "rdr=" + rdr}, " ")
}

const paperPreamble = "table <admin> const { 192.0.2.0/24 }\ntable <monitor> const { 198.51.100.10 }\n" +
	"admin = \"<admin>\"\nmonitor = \"<monitor>\"\nresolver = \"192.0.2.53\"\n"

func sigs(t *testing.T, src string, names map[string]string) (map[string]bool, []string) {
	t.Helper()
	f, err := pf.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	var list []string
	for _, r := range f.Rules {
		s := ruleSig(r, names)
		set[s] = true
		list = append(list, s)
	}
	return set, list
}

// TestGuidePFRules compares every rule of the guide's pf.conf files with
// the emitted ones by signature; what differs must be listed.
func TestGuidePFRules(t *testing.T) {
	tree := emitFile(t, "guide.conf")
	hostsData, _ := tree.Get("host", "/etc/hosts")
	h, _ := parseHosts(hostsData)
	names := map[string]string{}
	for n, a := range h {
		names[n] = a.String()
	}
	ours := func(machine string) map[string]bool {
		data, _ := tree.Get(machine, "/etc/pf.conf")
		s, _ := sigs(t, string(data), names)
		return s
	}
	cases := map[string][]string{
		"pf-base.conf": {"host", "web", "xmpp", "jicofo", "jvb"}, "pf-host.conf": {"host"},
		"pf-web.conf": {"web"}, "pf-xmpp.conf": {"xmpp"}, "pf-jicofo.conf": {"jicofo"}, "pf-jvb.conf": {"jvb"},
	}
	for fixture, machines := range cases {
		text := readPaper(t, fixture)
		_, guideSigs := sigs(t, paperPreamble+text, names)
		lines := ruleLines(text)
		for _, m := range machines {
			have := ours(m)
			for i, s := range guideSigs {
				d, isListed := listed(fixture, lines[i], m)
				if have[s] == isListed {
					t.Errorf("%s on %s: guide rule %q present=%v listed=%v", fixture, m, lines[i], have[s], isListed)
				}
				if isListed && d.movedTo != "" && !ours(d.movedTo)[s] {
					t.Errorf("%s: %q should be on %s instead", fixture, lines[i], d.movedTo)
				}
			}
		}
	}
}

// ruleLines returns the rule lines of a fixture (not macros or comments).
func ruleLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "pass") || strings.HasPrefix(l, "block") || strings.HasPrefix(l, "match") {
			out = append(out, l)
		}
	}
	return out
}

// TestGuideDifferencesListed keeps the table honest: each entry has a
// reason and names a fixture that exists.
func TestGuideDifferencesListed(t *testing.T) {
	for _, d := range guideDifferences {
		if d.reason == "" || d.on == "" {
			t.Errorf("difference %q has no reason or machine", d.guide)
		}
		if _, err := os.Stat(filepath.Join("testdata", "paper", d.file)); err != nil {
			t.Errorf("difference %q: %v", d.guide, err)
		}
	}
}
