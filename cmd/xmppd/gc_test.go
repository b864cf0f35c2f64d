package main

import (
	"runtime/debug"
	"testing"
)

// TestApplyGCDefault checks that xmppd's GC default applies only when
// GOGC is unset, and that an explicit GOGC is left to the runtime.
func TestApplyGCDefault(t *testing.T) {
	orig := debug.SetGCPercent(100)
	defer debug.SetGCPercent(orig)
	for _, tc := range []struct {
		gogc      string
		want      int // reported
		wantInUse int // the runtime's setting afterwards
	}{
		{"", defaultGCPercent, defaultGCPercent},
		{"200", 200, 100},
		{"off", -1, 100},
		{"junk", 100, 100},
	} {
		debug.SetGCPercent(100) // as the runtime would have it from GOGC
		got := applyGCDefault(func(k string) string {
			if k == "GOGC" {
				return tc.gogc
			}
			return ""
		})
		inUse := debug.SetGCPercent(100)
		if got != tc.want || inUse != tc.wantInUse {
			t.Errorf("GOGC=%q: reported %d, in use %d; want %d, %d", tc.gogc, got, inUse, tc.want, tc.wantInUse)
		}
	}
}
