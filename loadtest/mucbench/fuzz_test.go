package mucbench

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzStream checks that the scanner never panics and finds the same
// elements however the input is cut into reads.
func FuzzStream(f *testing.F) {
	f.Add(fixture(f), uint8(7))
	f.Add([]byte("<stream:stream><message><body>mb 1 2 3</body></message><a x='>'/>"), uint8(1))
	f.Add([]byte("<stream:stream><!-- x --><?pi?><![CDATA[<]]><m/></stream:stream>"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, cut uint8) {
		whole, werr := scanAll(t, bytes.NewReader(data), 1<<16)
		parts, perr := scanAll(t, &chunkReader{data: data, sizes: []int{int(cut)%13 + 1}}, 16)
		if werr.Error() != perr.Error() || len(whole) != len(parts) {
			t.Fatalf("whole %v (%v) vs chunked %v (%v)", whole, werr, parts, perr)
		}
		for i := range whole {
			w, p := whole[i], parts[i]
			if w.name != p.name || w.body != p.body || w.header != p.header {
				t.Fatalf("%d: whole %+v chunked %+v", i, w, p)
			}
		}
	})
}

// FuzzBody checks parseBody against appendBody.
func FuzzBody(f *testing.F) {
	f.Add([]byte("mb 3 17 123456789"))
	f.Add([]byte("mb 1 2"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, q, n, ok := parseBody(b)
		if !ok {
			return
		}
		again := appendBody(nil, s, q, n)
		if s2, q2, n2, ok2 := parseBody(again); !ok2 || s2 != s || q2 != q || n2 != n {
			t.Fatalf("%q -> %q does not parse back", b, again)
		}
		if !strings.HasPrefix(string(b), bodyTag) {
			t.Fatalf("%q accepted without the tag", b)
		}
	})
}
