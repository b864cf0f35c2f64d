package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRunFlagsAndConfigErrors(t *testing.T) {
	env := func(vals map[string]string) func(string) string { return func(k string) string { return vals[k] } }
	tests := []struct {
		args    []string
		env     map[string]string
		wantErr string
		wantOut string
	}{
		0: {args: []string{"-version"}, wantOut: version},
		1: {args: []string{"-config", "/nonexistent/jvb.conf"}, wantErr: "/nonexistent/jvb.conf"},
		2: {env: map[string]string{"JVB_CONF": "/nonexistent/from-env.conf"}, wantErr: "from-env.conf"},
		3: {args: []string{"-log-level", "loud"}, wantErr: "log-level"},
		4: {args: []string{"-nosuchflag"}, wantErr: "nosuchflag"},
	}
	for i, tc := range tests {
		var out bytes.Buffer
		err := run(tc.args, env(tc.env), &out)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%d: err %v, want %q", i, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !strings.Contains(out.String(), tc.wantOut) {
			t.Errorf("%d: err %v out %q", i, err, out.String())
		}
	}
}

func TestSplitList(t *testing.T) {
	got := splitList(" focus@auth.example.com , ,jvbbrewery@internal.auth.example.com/focus")
	if len(got) != 2 || got[0] != "focus@auth.example.com" || got[1] != "jvbbrewery@internal.auth.example.com/focus" {
		t.Errorf("%q", got)
	}
}
