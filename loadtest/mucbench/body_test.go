package mucbench

import "testing"

func TestBodyRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		sender, seq int
		nanos       int64
	}{{0, 0, 0}, {3, 17, 123456789}, {199, 1 << 20, 1 << 59}} {
		b := appendBody(nil, tc.sender, tc.seq, tc.nanos)
		s, q, n, ok := parseBody(b)
		if !ok || s != tc.sender || q != tc.seq || n != tc.nanos {
			t.Errorf("%q -> %d %d %d %v", b, s, q, n, ok)
		}
	}
}

func TestBodyRejects(t *testing.T) {
	for _, b := range []string{"", "mb", "mb ", "mb 1 2", "mb 1 2 3 ", "mb 1 2 x", "hello", "mb -1 2 3",
		"mb 1  2 3", "mb 1 2 1234567890123456789012"} {
		if _, _, _, ok := parseBody([]byte(b)); ok {
			t.Errorf("%q accepted", b)
		}
	}
}
