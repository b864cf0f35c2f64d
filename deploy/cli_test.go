package deploy

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMainWritesTree(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"-f", "testdata/guide.conf", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "4   jvb     bridge  100.64.4.3  100.64.4.2  10000") {
		t.Errorf("plan not printed:\n%s", stdout.String())
	}
	data, err := os.ReadFile(filepath.Join(out, "jicofo", "etc", "rc.conf.local"))
	if err != nil || string(data) != "jicofo_flags=-host=jts.fips.de\npkg_scripts=jicofo\n" {
		t.Errorf("rc.conf.local %q %v", data, err)
	}
	st, err := os.Stat(filepath.Join(out, "jvb", "etc", "rc.d", "jvb"))
	if err != nil || st.Mode().Perm() != 0o555 {
		t.Errorf("rc.d/jvb mode %v %v", st, err)
	}
	// A second run into the same directory needs -force.
	if code := Main([]string{"-f", "testdata/guide.conf", "-o", out}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "not empty") {
		t.Errorf("second run: exit %d, %s", code, stderr.String())
	}
	if code := Main([]string{"-f", "testdata/guide.conf", "-o", out, "-force"}, &stdout, &stderr); code != 0 {
		t.Errorf("-force: exit %d", code)
	}
}

func TestMainErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.conf")
	os.WriteFile(bad, []byte(strings.Replace(baseDesc, "name = jvb2", "name = jvb1", 1)), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "usage"},
		{[]string{"-f", "testdata/guide.conf"}, 2, "usage"},
		{[]string{"-f", "nope.conf", "-check"}, 1, "no such file"},
		{[]string{"-f", bad, "-check"}, 1, "deployment.guests[4].name (line 9)"},
		{[]string{"-f", "testdata/guide.conf", "-check"}, 0, ""},
	} {
		var stdout, stderr bytes.Buffer
		if code := Main(tc.args, &stdout, &stderr); code != tc.code || !strings.Contains(stderr.String(), tc.msg) {
			t.Errorf("Main(%v) = %d, stderr %q", tc.args, code, stderr.String())
		}
	}
}
