package xmpp

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Default limits for a Reader.
const (
	DefaultMaxStanza = 256 << 10
	DefaultMaxDepth  = 64
)

// Reader reads top-level elements from one XML stream, enforcing a per-element
// size limit and a nesting limit and rejecting DTDs (so entity expansion
// attacks never start), processing instructions and comments.
type Reader struct {
	d        *xml.Decoder
	cr       *countReader
	MaxDepth int
}

// NewReader returns a Reader over r; maxStanza <= 0 selects DefaultMaxStanza.
func NewReader(r io.Reader, maxStanza int64) *Reader {
	if maxStanza <= 0 {
		maxStanza = DefaultMaxStanza
	}
	if _, ok := r.(io.ByteReader); !ok {
		r = bufio.NewReaderSize(r, 4096)
	}
	cr := &countReader{r: r, limit: maxStanza}
	d := xml.NewDecoder(cr)
	d.Strict = true
	return &Reader{d: d, cr: cr, MaxDepth: DefaultMaxDepth}
}

// ParseElement parses exactly one element from data with the default limits.
func ParseElement(data []byte) (*Element, error) {
	r := NewReader(bytes.NewReader(data), int64(len(data))+1)
	return r.ReadElement()
}

// StreamStart reads up to and including the next start tag (the stream
// header), allowing one leading XML declaration.
func (r *Reader) StreamStart() (xml.StartElement, error) {
	r.cr.reset()
	for {
		tok, err := r.token()
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.ProcInst:
			if t.Target != "xml" {
				return xml.StartElement{}, ErrRestrictedXML
			}
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return xml.StartElement{}, fmt.Errorf("%w: text before stream header", ErrUnexpected)
			}
		case xml.EndElement:
			return xml.StartElement{}, ErrStreamClosed
		default:
			return xml.StartElement{}, ErrRestrictedXML
		}
	}
}

// ReadElement returns the next top-level element. Whitespace between elements
// is skipped; the close of the enclosing stream yields ErrStreamClosed.
func (r *Reader) ReadElement() (*Element, error) {
	r.cr.reset()
	for {
		tok, err := r.token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return r.readTree(t)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) != 0 {
				return nil, fmt.Errorf("%w: text at stream level", ErrUnexpected)
			}
			r.cr.reset()
		case xml.EndElement:
			return nil, ErrStreamClosed
		default:
			return nil, ErrRestrictedXML
		}
	}
}

func (r *Reader) token() (xml.Token, error) {
	tok, err := r.d.Token()
	if err == nil {
		return tok, nil
	}
	if errors.Is(err, ErrStanzaTooBig) {
		return nil, ErrStanzaTooBig
	}
	return nil, err
}

func (r *Reader) readTree(start xml.StartElement) (*Element, error) {
	root := fromStart(start)
	stack := []*Element{root}
	for len(stack) > 0 {
		if len(stack) > r.MaxDepth {
			return nil, ErrTooDeep
		}
		tok, err := r.token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			c := fromStart(t)
			top.Nodes = append(top.Nodes, Node{El: c})
			stack = append(stack, c)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.Nodes = append(top.Nodes, Node{Text: string(t)})
		default:
			return nil, ErrRestrictedXML
		}
	}
	return root, nil
}

func fromStart(t xml.StartElement) *Element {
	e := &Element{Space: t.Name.Space, Local: t.Name.Local}
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		e.Attr = append(e.Attr, a)
	}
	return e
}

type countReader struct {
	r     io.Reader
	n     int64
	limit int64
	one   [1]byte
}

func (c *countReader) reset() { c.n = 0 }

func (c *countReader) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, ErrStanzaTooBig
	}
	if int64(len(p)) > c.limit-c.n {
		p = p[:c.limit-c.n]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countReader) ReadByte() (byte, error) {
	if br, ok := c.r.(io.ByteReader); ok {
		if c.n >= c.limit {
			return 0, ErrStanzaTooBig
		}
		b, err := br.ReadByte()
		if err == nil {
			c.n++
		}
		return b, err
	}
	_, err := io.ReadFull(c, c.one[:])
	return c.one[0], err
}

// LastSize returns the number of bytes consumed by the last element read.
func (r *Reader) LastSize() int64 { return r.cr.n }
