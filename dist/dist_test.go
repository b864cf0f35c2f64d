package dist

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestRCScriptsParse runs `ksh -n` on every rc.d script. CI must install
// ksh (Debian: apt-get install -y ksh); without it the test skips.
func TestRCScriptsParse(t *testing.T) {
	ksh, err := exec.LookPath("ksh")
	if err != nil {
		t.Skip("ksh not installed (apt-get install -y ksh): rc.d scripts not syntax-checked")
	}
	for _, name := range Services {
		src, err := RCScript(name)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(ksh, "-n")
		cmd.Stdin = bytes.NewReader(src)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("ksh -n %s: %v\n%s", name, err, out)
		}
	}
}

// TestKshCatchesErrors proves the syntax check can fail.
func TestKshCatchesErrors(t *testing.T) {
	ksh, err := exec.LookPath("ksh")
	if err != nil {
		t.Skip("ksh not installed (apt-get install -y ksh)")
	}
	cmd := exec.Command(ksh, "-n")
	cmd.Stdin = strings.NewReader("rc_start() {\n\tif true; then\n}\n")
	if err := cmd.Run(); err == nil {
		t.Error("ksh -n accepted a broken script")
	}
}

var rcVar = regexp.MustCompile(`^(daemon|daemon_flags|daemon_user|daemon_logger|rc_bg|rc_reload)=(.*)$`)

// TestRCScriptConventions checks the rc.subr shape: variables before
// sourcing rc.subr, rc_bg after it, rc_cmd last, the port's user names.
func TestRCScriptConventions(t *testing.T) {
	want := map[string]struct{ daemon, user, reload string }{
		"jicofo": {`"/usr/local/bin/focus"`, `"_jicofo"`, "NO"},
		"jvb":    {`"/usr/local/bin/bridge"`, `"_jvb"`, "NO"},
		"xmppd":  {`"/usr/local/bin/xmppd"`, `"_xmppd"`, ""},
	}
	for _, name := range Services {
		src, _ := RCScript(name)
		vars := map[string]string{}
		sourced, last := false, ""
		sc := bufio.NewScanner(bytes.NewReader(src))
		for sc.Scan() {
			l := strings.TrimSpace(sc.Text())
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			last = l
			if l == ". /etc/rc.d/rc.subr" {
				sourced = true
			}
			if m := rcVar.FindStringSubmatch(l); m != nil {
				if strings.HasPrefix(m[1], "daemon") == sourced {
					t.Errorf("%s: %s set on the wrong side of . /etc/rc.d/rc.subr", name, m[1])
				}
				vars[m[1]] = m[2]
			}
		}
		w := want[name]
		if vars["daemon"] != w.daemon || vars["daemon_user"] != w.user || vars["daemon_logger"] != `"daemon.info"` ||
			vars["rc_bg"] != "YES" || vars["rc_reload"] != w.reload {
			t.Errorf("%s: variables %v", name, vars)
		}
		if _, ok := vars["daemon_flags"]; !ok {
			t.Errorf("%s: no daemon_flags", name)
		}
		if last != "rc_cmd $1" || !strings.HasPrefix(string(src), "#!/bin/ksh\n") {
			t.Errorf("%s: must start with #!/bin/ksh and end with rc_cmd $1", name)
		}
	}
}

var loginClass = regexp.MustCompile(`^([a-z]+):\\\n\t:openfiles=([0-9]+):\\\n\t:tc=daemon:\n$`)

func TestLoginClasses(t *testing.T) {
	for _, name := range Services {
		src, err := LoginClass(name)
		if err != nil {
			t.Fatal(err)
		}
		m := loginClass.FindStringSubmatch(string(src))
		if m == nil || m[1] != name {
			t.Errorf("%s: login class %q not of the form name:\\ :openfiles=N:\\ :tc=daemon:", name, src)
		}
	}
}

// TestSystemdUnits parses each unit as INI and checks the keys systemd
// needs to run it.
func TestSystemdUnits(t *testing.T) {
	for _, name := range Services {
		src, err := SystemdUnit(name)
		if err != nil {
			t.Fatal(err)
		}
		keys, err := parseUnit(src)
		if err != nil {
			t.Errorf("%s.service: %v", name, err)
			continue
		}
		for _, k := range []string{"Unit.Description", "Service.ExecStart", "Service.User", "Install.WantedBy"} {
			if keys[k] == "" {
				t.Errorf("%s.service: no %s", name, k)
			}
		}
		if !strings.HasPrefix(keys["Service.ExecStart"], "/usr/local/bin/") {
			t.Errorf("%s.service: ExecStart %q is not an absolute path", name, keys["Service.ExecStart"])
		}
	}
}

func parseUnit(src []byte) (map[string]string, error) {
	keys := map[string]string{}
	section := ""
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, ";"):
		case strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]"):
			section = l[1 : len(l)-1]
		case section != "" && strings.Contains(l, "="):
			k, v, _ := strings.Cut(l, "=")
			keys[section+"."+k] = v
		default:
			return nil, fmt.Errorf("line %d: not a section or key=value: %s", i+1, l)
		}
	}
	return keys, nil
}
