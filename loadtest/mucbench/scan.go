package mucbench

import (
	"bytes"
	"fmt"
	"io"
	"time"
)

// Element is one top-level element of an XMPP stream (a stanza, features,
// a SASL answer) or a stream header. Its slices point into the Stream's
// buffer and are valid until the next call of Next.
type Element struct {
	// Name is the qualified element name as written, e.g. "message" or
	// "stream:features".
	Name []byte
	// Raw is the whole element, from its '<' to the '>' that closes it; for
	// a header, the opening tag alone.
	Raw []byte
	// Body is the raw text of the element's first <body/> child (escapes
	// are not undone); nil when there is none.
	Body []byte
	// Header marks an opening <stream:stream> tag (the first one or a
	// restart after SASL).
	Header bool
}

// Stream splits the bytes of an XMPP stream into top-level elements as they
// arrive, however the reads cut them: several stanzas in one read all come
// out, one stanza split over many reads comes out once it is complete. It
// does not build a tree or undo escapes, so the hot path costs one pass
// over the bytes and no allocation.
type Stream struct {
	r   io.Reader
	buf []byte
	max int
	now func() time.Time

	pos, end int // buf[pos:end] is not scanned yet
	depth    int
	elem     int // start of the open top-level element, -1 if none
	body0    int // body text bounds relative to elem, -1 when unset
	body1    int
	rerr     error
	tokFrom  int  // bytes of the incomplete token at pos already scanned
	tokQuote byte // quote state at tokFrom

	// ReadAt is when the read that completed the last element returned.
	ReadAt time.Time
	// Reads counts the reads that returned data.
	Reads int64
}

// NewStream returns a Stream reading r with an initial buffer of size bytes
// growing up to limit; now stamps each read (time.Now when nil).
func NewStream(r io.Reader, size, limit int, now func() time.Time) *Stream {
	if now == nil {
		now = time.Now
	}
	size = min(max(size, 16), limit)
	return &Stream{r: r, buf: make([]byte, size), max: limit, now: now, elem: -1, body0: -1, body1: -1}
}

// Next returns the next complete top-level element or stream header. It
// returns io.EOF after </stream:stream> or at the end of the input.
func (s *Stream) Next() (Element, error) {
	for {
		el, done, err := s.scan()
		if err != nil || done {
			return el, err
		}
		if err := s.fill(); err != nil {
			return Element{}, err
		}
	}
}

// scan consumes complete tokens from buf[pos:end] until an element is done.
func (s *Stream) scan() (Element, bool, error) {
	for s.pos < s.end {
		b := s.buf[s.pos:s.end]
		if b[0] != '<' {
			i := bytes.IndexByte(b, '<')
			if i < 0 {
				i = len(b)
			}
			s.pos += i
			continue
		}
		n, kind, q := tagLen(b, s.tokFrom, s.tokQuote)
		if n == 0 {
			s.tokFrom, s.tokQuote = len(b), q
			return Element{}, false, nil
		}
		s.tokFrom, s.tokQuote = 0, 0
		start := s.pos
		s.pos += n
		if el, done, err := s.token(start, b[:n], kind); err != nil || done {
			return el, done, err
		}
	}
	return Element{}, false, nil
}

// token applies one tag to the depth and element bookkeeping.
func (s *Stream) token(start int, tag []byte, kind tagKind) (Element, bool, error) {
	switch kind {
	case tagStart, tagEmpty:
		return s.open(start, tag, kind == tagEmpty)
	case tagEnd:
		return s.close(start)
	}
	return Element{}, false, nil
}

func (s *Stream) open(start int, tag []byte, empty bool) (Element, bool, error) {
	name := tagName(tag[1:])
	if !empty && s.depth <= 1 && isStreamName(name) {
		s.depth = 1
		return Element{Name: name, Raw: tag, Header: true}, true, nil
	}
	switch {
	case s.depth == 0:
		return Element{}, false, fmt.Errorf("%w: <%s> before the stream header", ErrSyntax, name)
	case s.depth == 1 && empty:
		return Element{Name: name, Raw: tag}, true, nil
	case s.depth == 1:
		s.elem, s.body0, s.body1 = start, -1, -1
	case s.depth == 2 && s.body0 < 0 && string(name) == "body":
		s.body0 = s.pos - s.elem
		if empty {
			s.body1 = s.body0
		}
	}
	if !empty {
		s.depth++
	}
	return Element{}, false, nil
}

func (s *Stream) close(start int) (Element, bool, error) {
	switch s.depth {
	case 0:
		return Element{}, false, fmt.Errorf("%w: end tag with no open element", ErrSyntax)
	case 1:
		s.depth = 0
		return Element{}, false, io.EOF
	}
	s.depth--
	if s.depth == 2 && s.body0 >= 0 && s.body1 < 0 {
		s.body1 = start - s.elem
	}
	if s.depth > 1 {
		return Element{}, false, nil
	}
	raw := s.buf[s.elem:s.pos]
	el := Element{Name: tagName(raw[1:]), Raw: raw}
	if s.body0 >= 0 && s.body1 >= s.body0 {
		el.Body = raw[s.body0:s.body1]
	}
	s.elem = -1
	return el, true, nil
}

// fill keeps the unfinished element (or token) at the front of the buffer
// and reads more after it.
func (s *Stream) fill() error {
	if s.rerr != nil {
		return s.rerr
	}
	keep := s.pos
	if s.elem >= 0 {
		keep = s.elem
	}
	if keep > 0 {
		copy(s.buf, s.buf[keep:s.end])
		s.pos, s.end = s.pos-keep, s.end-keep
		if s.elem >= 0 {
			s.elem -= keep
		}
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.max {
			return fmt.Errorf("%w: more than %d bytes", ErrTooLarge, s.max)
		}
		nb := make([]byte, min(2*len(s.buf), s.max))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		if n > 0 {
			s.end += n
			s.ReadAt = s.now()
			s.Reads++
			s.rerr = err
			return nil
		}
		if err != nil {
			return err
		}
	}
	return io.ErrNoProgress
}
