package mucbench

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
)

// chunkReader returns its data in reads of the given sizes (the last size
// repeats), like a socket delivering a server's writes cut anywhere.
type chunkReader struct {
	data  []byte
	sizes []int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := r.sizes[0]
	if len(r.sizes) > 1 {
		r.sizes = r.sizes[1:]
	}
	n = min(n, len(p), len(r.data))
	copy(p, r.data[:n])
	r.data = r.data[n:]
	return n, nil
}

// scanned is what a test keeps of an element (the slices die on Next).
type scanned struct {
	name, body string
	header     bool
	read       int64
}

func scanAll(t testing.TB, r io.Reader, size int) ([]scanned, error) {
	t.Helper()
	s := NewStream(r, size, 1<<16, nil)
	var out []scanned
	for {
		el, err := s.Next()
		if err != nil {
			return out, err
		}
		if el.Raw[0] != '<' || el.Raw[len(el.Raw)-1] != '>' {
			t.Fatalf("element %q not delimited", el.Raw)
		}
		out = append(out, scanned{string(el.Name), string(el.Body), el.Header, s.Reads})
	}
}

func fixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/prosody-stream.xml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStreamFixture(t *testing.T) {
	got, err := scanAll(t, bytes.NewReader(fixture(t)), 4096)
	if err != io.EOF {
		t.Fatalf("end: %v, want io.EOF", err)
	}
	want := []string{"stream:stream", "stream:features", "success", "stream:stream", "stream:features", "iq",
		"presence", "message", "message", "message", "message"}
	if len(got) != len(want) {
		t.Fatalf("got %d elements %v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		if got[i].name != w {
			t.Errorf("%d: %q, want %q", i, got[i].name, w)
		}
	}
	bodies := []string{"", "mb 3 17 123456789", "mb 1 18 123459999", "<![CDATA[ignored]]>"}
	for i, b := range bodies {
		if got[7+i].body != b {
			t.Errorf("message %d body %q, want %q", i, got[7+i].body, b)
		}
	}
	if !got[0].header || !got[3].header || got[1].header {
		t.Errorf("header flags wrong: %+v", got[:4])
	}
}

// TestStreamManyPerRead feeds several messages in one read, cut across the
// buffer's boundaries, and checks that every one is counted.
func TestStreamManyPerRead(t *testing.T) {
	head := "<stream:stream xmlns='jabber:client'>"
	msg := "<message type='groupchat' from='r@m/n1' to='a@b/c'><body>mb 1 2 3</body></message>"
	var b strings.Builder
	b.WriteString(head)
	for range 50 {
		b.WriteString(msg)
	}
	data := []byte(b.String())
	for i, tc := range []struct {
		size  int
		sizes []int
	}{
		0: {size: 4096, sizes: []int{len(data)}},          // everything in one read
		1: {size: 64, sizes: []int{len(data)}},            // one read, a buffer smaller than a stanza
		2: {size: 100, sizes: []int{len(head) + 3, 7}},    // reads cutting stanzas anywhere
		3: {size: 256, sizes: []int{len(head) + 250}},     // 2.x stanzas per read
		4: {size: 16, sizes: []int{1}},                    // one byte at a time
		5: {size: 128, sizes: []int{len(head), len(msg)}}, // exactly one stanza per read
	} {
		got, err := scanAll(t, &chunkReader{data: data, sizes: tc.sizes}, tc.size)
		if err != io.EOF {
			t.Fatalf("%d: end %v", i, err)
		}
		n := 0
		for _, e := range got {
			if e.name == "message" && e.body == "mb 1 2 3" {
				n++
			}
		}
		if n != 50 {
			t.Errorf("%d: counted %d messages, want 50", i, n)
		}
	}
}

func TestStreamReadStamps(t *testing.T) {
	data := "<stream:stream><message><body>a</body></message><message/>" + "<message><body>b</body></message>"
	got, _ := scanAll(t, &chunkReader{data: []byte(data), sizes: []int{60, 100}}, 4096)
	reads := []int64{1, 1, 1, 2}
	for i, r := range reads {
		if got[i].read != r {
			t.Errorf("element %d completed by read %d, want %d", i, got[i].read, r)
		}
	}
}

func TestStreamErrors(t *testing.T) {
	for i, tc := range []struct {
		in   string
		want error
	}{
		0: {"<message/>", ErrSyntax},
		1: {"</a>", ErrSyntax},
		2: {"<stream:stream><message><body>" + strings.Repeat("x", 1<<17), ErrTooLarge},
		3: {"<stream:stream><message>", io.EOF},
		4: {"<stream:stream></stream:stream>", io.EOF},
	} {
		_, err := scanAll(t, iotest.HalfReader(strings.NewReader(tc.in)), 64)
		if !errors.Is(err, tc.want) {
			t.Errorf("%d: %v, want %v", i, err, tc.want)
		}
	}
}

func TestAttr(t *testing.T) {
	raw := []byte(`<presence xto='no' to="a@b/c" from='r@m/n1'><x from='child'/></presence>`)
	for _, tc := range []struct{ name, want string }{{"from", "r@m/n1"}, {"to", "a@b/c"}, {"type", ""}} {
		if got := string(attr(raw, tc.name)); got != tc.want {
			t.Errorf("attr %s = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func BenchmarkStreamMessages(b *testing.B) {
	msg := "<message type='groupchat' to='a1b2@bench.test/x' from='bench@muc.bench.test/n3' id='b3'>" +
		"<body>mb 3 17 123456789</body></message>"
	data := []byte("<stream:stream>" + strings.Repeat(msg, 1000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s := NewStream(bytes.NewReader(data), 8192, 1<<20, nil)
		n := 0
		for {
			el, err := s.Next()
			if err != nil {
				break
			}
			if _, _, _, ok := parseBody(el.Body); ok {
				n++
			}
		}
		if n != 1000 {
			b.Fatal(n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/msg")
}
