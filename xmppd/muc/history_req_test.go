package muc

import (
	"fmt"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

func TestLuaNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "nil" or the value
	}{
		{"20", "20"}, {" 7 ", "7"}, {"+3", "3"}, {"-2", "-2"}, {"2.5", "2.5"}, {"1e3", "1000"},
		{"0x10", "16"}, {"-0X1f", "-31"}, {".5", "0.5"},
		{"", "nil"}, {"abc", "nil"}, {"inf", "nil"}, {"NaN", "nil"}, {"1e999", "nil"}, {"--1", "nil"},
		{"1_000", "nil"}, {"0x", "nil"}, {"+", "nil"},
	} {
		got := "nil"
		if v := luaNumber(tc.in); v != nil {
			got = fmt.Sprint(*v)
		}
		if got != tc.want {
			t.Errorf("luaNumber(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseStamp(t *testing.T) {
	base := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC).Unix()
	for _, tc := range []struct {
		in   string
		want int64 // offset from base; -1 for nil
	}{
		{"2026-03-04T05:06:07Z", 0},
		{"2026-03-04T05:06:07", 0},
		{"2026-03-04T05:06:07.999Z", 0},
		{"20260304T05:06:07Z", 0},
		{"2026-03-04T06:06:07+01:00", 0},
		{"2026-03-04T04:36:07-00:30", 0},
		{"2026-03-04T06:06:07+0100", 0},
		{"2026-03-04T06:06:07+01", 0},
		{"2026-03-04T05:06:67Z", 60}, // normalised as os.time does
		{"2026-03-04 05:06:07Z", -1},
		{"2026-03-04T05:06:07 PST", -1},
		{"", -1},
	} {
		v := parseStamp(tc.in)
		switch {
		case tc.want < 0 && v != nil:
			t.Errorf("%q parsed as %v", tc.in, *v)
		case tc.want >= 0 && (v == nil || int64(*v) != base+tc.want):
			t.Errorf("%q = %v, want %d", tc.in, v, base+tc.want)
		}
	}
}

// FuzzHistoryRequest feeds arbitrary <history/> attributes through the
// parser and the selection; nothing may panic and the selection is always a
// suffix of the stored entries.
func FuzzHistoryRequest(f *testing.F) {
	f.Add("20", "1000", "60", "2026-03-04T05:06:07Z")
	f.Add("0", "0", "0", "")
	f.Add("-1", "1e308", "0x7fffffffffffffff", "2026-03-04T05:06:07.5+01:00")
	f.Add("2.5", "abc", "-5", "99999999T99:99:99-99")
	entries := make([]histEntry, 20)
	for i := range entries {
		entries[i] = histEntry{at: t0.Unix() - int64(20-i), chars: 150}
	}
	f.Fuzz(func(t *testing.T, maxStanzas, maxChars, seconds, since string) {
		p := xmpp.NewElement(xmpp.NSClient, "presence").Add(xmpp.NewElement(xmpp.NSMUC, "x").Add(
			xmpp.NewElement(xmpp.NSMUC, "history", "maxstanzas", maxStanzas, "maxchars", maxChars,
				"seconds", seconds, "since", since)))
		got := parseHistoryRequest(p, t0).pick(entries, carol, defaultHistoryMessages)
		if len(got) > len(entries) || (len(got) > 0 && &got[len(got)-1] != &entries[len(entries)-1]) {
			t.Fatalf("pick returned %d entries, not a suffix", len(got))
		}
	})
}
