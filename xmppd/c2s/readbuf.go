package c2s

import (
	"io"
	"sync"
)

// Read buffer sizes: a connection waits for input on a small inline
// buffer and borrows a pooled large one only while input keeps coming.
const (
	smallReadBuf = 512
	largeReadBuf = 8192
)

var readPool = sync.Pool{New: func() any { b := make([]byte, largeReadBuf); return &b }}

// connReader is the buffered io.ByteReader under a connection's XML
// decoder. It blocks in Read on its small inline buffer; a read that fills
// a buffer means more input is likely waiting, so the next reads go into a
// pooled large buffer, which goes back to the pool as soon as a read comes
// back short and its bytes are consumed. An idle connection therefore
// holds smallReadBuf bytes instead of a full bufio.Reader.
type connReader struct {
	r        io.Reader
	large    *[]byte // borrowed from readPool while input streams in
	buf      []byte  // small[:] or *large
	pos, end int
	err      error // returned once the buffered bytes are consumed
	small    [smallReadBuf]byte
}

func newConnReader(r io.Reader) *connReader {
	c := &connReader{r: r}
	c.buf = c.small[:]
	return c
}

// ReadByte returns the next byte (the decoder reads byte by byte).
func (c *connReader) ReadByte() (byte, error) {
	if c.pos == c.end {
		if err := c.fill(); err != nil {
			return 0, err
		}
	}
	b := c.buf[c.pos]
	c.pos++
	return b, nil
}

// Read copies buffered bytes, filling the buffer first when it is empty.
func (c *connReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if c.pos == c.end {
		if err := c.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, c.buf[c.pos:c.end])
	c.pos += n
	return n, nil
}

// await blocks until at least one byte is buffered (or the read fails).
// Called between elements, where the decoder holds no byte of its own, it
// waits exactly as the decoder's next ReadByte would, on a shallow stack.
func (c *connReader) await() error {
	if c.pos < c.end {
		return nil
	}
	return c.fill()
}

// fill reads at least one byte into the buffer the last read suggests.
func (c *connReader) fill() error {
	if c.err != nil {
		err := c.err
		c.err = nil
		return err
	}
	full := c.end > 0 && c.end == len(c.buf)
	switch {
	case full && c.large == nil:
		c.large = readPool.Get().(*[]byte)
		c.buf = *c.large
	case !full && c.large != nil:
		c.release()
	}
	c.pos, c.end = 0, 0
	for c.end == 0 {
		n, err := c.r.Read(c.buf)
		c.end = n
		if err != nil {
			if n == 0 {
				c.release()
				return err
			}
			c.err = err
		}
	}
	return nil
}

// release returns the large buffer to the pool.
func (c *connReader) release() {
	if c.large != nil {
		readPool.Put(c.large)
		c.large = nil
	}
	c.buf, c.pos, c.end = c.small[:], 0, 0
}
