package c2s

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// chunkReader returns its chunks one per Read (cut to the caller's buffer)
// and then err, recording the buffer size of every call.
type chunkReader struct {
	chunks [][]byte
	err    error
	sizes  []int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	r.sizes = append(r.sizes, len(p))
	if len(r.chunks) == 0 {
		return 0, r.err
	}
	n := copy(p, r.chunks[0])
	if r.chunks[0] = r.chunks[0][n:]; len(r.chunks[0]) == 0 {
		r.chunks = r.chunks[1:]
	}
	return n, nil
}

func filled(n int, b byte) []byte { return bytes.Repeat([]byte{b}, n) }

func TestConnReader(t *testing.T) {
	for _, tc := range []struct {
		name   string
		chunks [][]byte
		// sizes are the buffer sizes the reads are made with.
		sizes []int
	}{
		{"short reads stay small", [][]byte{filled(10, 'a'), filled(100, 'b')},
			[]int{smallReadBuf, smallReadBuf, smallReadBuf}},
		{"a full read borrows the large buffer", [][]byte{filled(smallReadBuf, 'a'), filled(3000, 'b')},
			[]int{smallReadBuf, largeReadBuf, smallReadBuf}},
		{"large stays while reads fill it", [][]byte{filled(smallReadBuf+2*largeReadBuf+7, 'c')},
			[]int{smallReadBuf, largeReadBuf, largeReadBuf, largeReadBuf, smallReadBuf}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := bytes.Join(tc.chunks, nil)
			src := &chunkReader{chunks: tc.chunks, err: io.EOF}
			c := newConnReader(src)
			var got []byte
			for {
				b, err := c.ReadByte()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, b)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("read %d bytes, want %d", len(got), len(want))
			}
			if !equalInts(src.sizes, tc.sizes) {
				t.Fatalf("read sizes %v, want %v", src.sizes, tc.sizes)
			}
			if c.large != nil {
				t.Fatal("large buffer kept after the input ended")
			}
		})
	}
}

// dataErrReader returns its data together with an error in one Read.
type dataErrReader struct {
	data []byte
	err  error
}

func (r *dataErrReader) Read(p []byte) (int, error) {
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, r.err
}

// TestConnReaderDataThenError: bytes read along with an error come first,
// the error after them; await and Read agree with ReadByte.
func TestConnReaderDataThenError(t *testing.T) {
	boom := errors.New("boom")
	c := newConnReader(&dataErrReader{data: []byte("<a/>"), err: boom})
	if err := c.await(); err != nil {
		t.Fatalf("await: %v", err)
	}
	buf := make([]byte, 16)
	n, err := c.Read(buf)
	if err != nil || string(buf[:n]) != "<a/>" {
		t.Fatalf("read %q, %v", buf[:n], err)
	}
	if err := c.await(); !errors.Is(err, boom) {
		t.Fatalf("await after data: %v, want boom", err)
	}
}

// TestConnReaderUnderDecoder: elements split at every byte boundary decode
// the same through connReader as through one whole read.
func TestConnReaderUnderDecoder(t *testing.T) {
	stream := `<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>` +
		`<message to='r@muc.test' type='groupchat'><body>` + string(filled(1500, 'x')) + `</body></message>` +
		`<presence><x xmlns='http://jabber.org/protocol/muc'/></presence>`
	for _, cut := range []int{1, 7, smallReadBuf, smallReadBuf + 1, len(stream)} {
		var chunks [][]byte
		for s := stream; s != ""; s = s[min(cut, len(s)):] {
			chunks = append(chunks, []byte(s[:min(cut, len(s))]))
		}
		c := newConnReader(&chunkReader{chunks: chunks, err: io.EOF})
		r := xmpp.NewReader(c, 1<<20)
		if _, err := r.StreamStart(); err != nil {
			t.Fatalf("cut %d: header: %v", cut, err)
		}
		for _, want := range []string{"message", "presence"} {
			if err := c.await(); err != nil {
				t.Fatalf("cut %d: await: %v", cut, err)
			}
			e, err := r.ReadElement()
			if err != nil || e.Local != want {
				t.Fatalf("cut %d: got %v, %v; want %s", cut, e, err, want)
			}
		}
	}
}
