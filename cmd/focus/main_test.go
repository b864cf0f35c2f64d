package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args    []string
		env     map[string]string
		wantErr string
		check   func(flags) bool
	}{
		{args: []string{"-host=meet.example.org"}, check: func(f flags) bool { return f.host == "meet.example.org" && f.componentPort == 5347 }},
		{args: []string{"-host=192.0.2.10"}, wantErr: "is an IP address"},
		{args: []string{"-host=2001:db8::1"}, wantErr: "is an IP address"},
		{args: []string{"-component-port=0"}, wantErr: "out of range"},
		{args: []string{"extra"}, wantErr: "unexpected arguments"},
		{args: nil, env: map[string]string{"JICOFO_COMPONENT_SECRET": "s3"}, check: func(f flags) bool { return f.componentSecret == "s3" }},
		{args: []string{"-component-secret=x", "-component-port=5348"}, check: func(f flags) bool { return f.componentSecret == "x" && f.componentPort == 5348 }},
	}
	for _, tt := range tests {
		f, err := parseFlags(tt.args, env(tt.env), io.Discard)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: err = %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !tt.check(f) {
			t.Errorf("%v: %+v, %v", tt.args, f, err)
		}
	}
}

func TestConfPath(t *testing.T) {
	if got := confPath("/x/jicofo.conf", env(map[string]string{"JICOFO_CONF": "/y"})); got != "/x/jicofo.conf" {
		t.Errorf("flag: %s", got)
	}
	if got := confPath("", env(map[string]string{"JICOFO_CONF": "/y/jicofo.conf"})); got != "/y/jicofo.conf" {
		t.Errorf("env: %s", got)
	}
	want := "/etc/jitsi/jicofo/jicofo.conf"
	if _, err := os.Stat(openBSDConf); err == nil {
		want = openBSDConf
	}
	if got := confPath("", env(nil)); got != want {
		t.Errorf("default: %s, want %s", got, want)
	}
}

// TestRunBadConfig: start-up errors name the problem and start nothing.
func TestRunBadConfig(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "jicofo.conf")
	if err := os.WriteFile(conf, []byte("jicofo { xmpp { client { xmpp-domain = \"10.0.0.5\" } } }\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-config", filepath.Join(dir, "missing.conf"), "-host=meet.example.org"}, "no such file"},
		{[]string{"-config", conf, "-host=10.0.0.5"}, "IP address"},
		{[]string{"-config", conf}, "IP address"},
		{[]string{"-config", conf, "-host=meet.example.org", "-log-level=loud"}, "bad -log-level"},
	}
	for _, tt := range tests {
		err := run(context.Background(), tt.args, env(nil), io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want %q", tt.args, err, tt.want)
		}
	}
}
