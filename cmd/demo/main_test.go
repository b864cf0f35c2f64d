package main

import (
	"io"
	"testing"
)

// TestParseFlags: defaults, overrides and refused arguments.
func TestParseFlags(t *testing.T) {
	tests := []struct {
		args []string
		want options
		ok   bool
	}{
		{nil, options{domain: "meet.localhost", web: "127.0.0.1:8000", udpPort: 10000, level: "warn"}, true},
		{[]string{"-domain=meet.test", "-web=127.0.0.1:9000", "-udp-port=0", "-vendor=/v", "-log-level=debug"},
			options{domain: "meet.test", web: "127.0.0.1:9000", udpPort: 0, vendor: "/v", level: "debug"}, true},
		{[]string{"extra"}, options{}, false},
		{[]string{"-udp-port=x"}, options{}, false},
	}
	for _, tc := range tests {
		got, err := parseFlags(tc.args, io.Discard)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("%q: %+v, %v; want %+v", tc.args, got, err, tc.want)
		}
	}
}
