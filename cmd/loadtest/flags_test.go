package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

func TestParseCut(t *testing.T) {
	tests := []struct {
		in      string
		want    loadtest.Cut
		wantErr string
	}{
		{"0/1@5s", loadtest.Cut{Conference: 0, Participant: 1, At: 5 * time.Second}, ""},
		{"2/0@1m30s+3s", loadtest.Cut{Conference: 2, Participant: 0, At: 90 * time.Second, For: 3 * time.Second}, ""},
		{"1/2@0s+500ms", loadtest.Cut{Conference: 1, Participant: 2, For: 500 * time.Millisecond}, ""},
		{" 3/4@2s ", loadtest.Cut{Conference: 3, Participant: 4, At: 2 * time.Second}, ""},
		{"0/1", loadtest.Cut{}, "conf/idx@AT"},
		{"0-1@5s", loadtest.Cut{}, "conf/idx@AT"},
		{"a/1@5s", loadtest.Cut{}, "conf/idx@AT"},
		{"0/1@5", loadtest.Cut{}, "AT"},
		{"0/1@-5s", loadtest.Cut{}, "AT"},
		{"0/1@5s+", loadtest.Cut{}, "conf/idx@AT"},
		{"0/1@5s+0s", loadtest.Cut{}, "FOR"},
		{"0/1@5s+x", loadtest.Cut{}, "FOR"},
		{"99999999999999999999/1@5s", loadtest.Cut{}, "conference"},
	}
	for _, tc := range tests {
		got, err := parseCut(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("parseCut(%q) = %+v, %v; want error mentioning %q", tc.in, got, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseCut(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseProc(t *testing.T) {
	tests := []struct {
		in   string
		want loadtest.Proc
		ok   bool
	}{
		{"bridge=1234", loadtest.Proc{Name: "bridge", PID: 1234}, true},
		{"a=b=1", loadtest.Proc{}, false},
		{"focus", loadtest.Proc{}, false},
		{"=12", loadtest.Proc{}, false},
		{"x=0", loadtest.Proc{}, false},
		{"x=-3", loadtest.Proc{}, false},
		{"x=12a", loadtest.Proc{}, false},
	}
	for _, tc := range tests {
		got, err := parseProc(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseProc(%q) = %+v, %v", tc.in, got, err)
		}
	}
}

// TestParseFlags: the flags fill the options, -cut and -pid repeat, and
// the target rules (-target or -demo, not both) hold.
func TestParseFlags(t *testing.T) {
	c, err := parseFlags([]string{"-target", "http://127.0.0.1:5280/http-bind", "-transport", "bosh",
		"-conferences", "4", "-participants", "5", "-audio-senders", "3", "-video-senders", "1",
		"-video-bitrate", "800000", "-simulcast", "-join-rate", "2.5", "-join-timeout", "7s", "-duration", "1m",
		"-bridge-stats", "http://127.0.0.1:8080/colibri/stats", "-focus-stats", "http://127.0.0.1:8888/stats",
		"-pid", "bridge=10", "-pid", "focus=11", "-cut", "0/1@5s", "-cut", "3/4@2s+1s",
		"-out", "r.json", "-html", "r.html", "-quiet"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	o := c.opts
	want := loadtest.Options{Target: "http://127.0.0.1:5280/http-bind", Transport: "bosh", Domain: "meet.localhost",
		Conferences: 4, PerConference: 5, AudioSenders: 3, VideoSenders: 1, VideoBitrate: 800000, Simulcast: true,
		JoinRate: 2.5, JoinTimeout: 7 * time.Second, Duration: time.Minute,
		BridgeStats: "http://127.0.0.1:8080/colibri/stats", FocusStats: "http://127.0.0.1:8888/stats",
		Procs: []loadtest.Proc{{Name: "bridge", PID: 10}, {Name: "focus", PID: 11}},
		Cuts:  []loadtest.Cut{{Participant: 1, At: 5 * time.Second}, {Conference: 3, Participant: 4, At: 2 * time.Second, For: time.Second}}}
	if !reflect.DeepEqual(o, want) {
		t.Errorf("options\n got %+v\nwant %+v", o, want)
	}
	if c.out != "r.json" || c.html != "r.html" || !c.quiet || c.demo {
		t.Errorf("config %+v", c)
	}
	if err := o.Validate(); err != nil {
		t.Errorf("parsed options invalid: %v", err)
	}
	bad := []struct {
		args []string
		want string
	}{
		{nil, "no -target"},
		{[]string{"-demo", "-target", "ws://x/"}, "exclude"},
		{[]string{"-target", "ws://x/", "extra"}, "unexpected"},
		{[]string{"-target", "ws://x/", "-cut", "nonsense"}, "conf/idx@AT"},
		{[]string{"-target", "ws://x/", "-pid", "nonsense"}, "name=PID"},
	}
	for _, tc := range bad {
		if _, err := parseFlags(tc.args, io.Discard); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseFlags(%q): %v, want error mentioning %q", tc.args, err, tc.want)
		}
	}
	if _, err := parseFlags([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
}

// TestBenchDispatch: unknown benches are named in the error, no name is
// help, and a wired bench gets its arguments.
func TestBenchDispatch(t *testing.T) {
	if err := run(t.Context(), []string{"bench"}, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("bench without name: %v", err)
	}
	if err := run(t.Context(), []string{"bench", "nope"}, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("unknown bench: %v", err)
	}
	var got []string
	benches["fake"] = func(_ context.Context, args []string, _, _ io.Writer) error { got = args; return nil }
	defer delete(benches, "fake")
	if err := run(t.Context(), []string{"bench", "fake", "-x", "1"}, io.Discard, io.Discard); err != nil || !reflect.DeepEqual(got, []string{"-x", "1"}) {
		t.Errorf("fake bench: %v, args %q", err, got)
	}
}
