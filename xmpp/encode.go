package xmpp

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// String serialises e as a standalone document fragment, declaring every
// namespace it uses.
func (e *Element) String() string { return string(e.Marshal("")) }

// Marshal serialises e. parentNS is the default namespace already in scope
// (NSClient inside a c2s or component stream, "" for WebSocket frames and BOSH
// bodies that need explicit declarations).
func (e *Element) Marshal(parentNS string) []byte {
	b := bufPool.Get().(*bytes.Buffer)
	b.Reset()
	e.encode(b, parentNS)
	out := append([]byte(nil), b.Bytes()...)
	bufPool.Put(b)
	return out
}

// AppendTo appends the serialisation of e to b.
func (e *Element) AppendTo(b *bytes.Buffer, parentNS string) { e.encode(b, parentNS) }

func (e *Element) encode(b *bytes.Buffer, parentNS string) {
	b.WriteByte('<')
	scope := parentNS
	if e.Space == NSStream {
		b.WriteString("stream:")
		b.WriteString(e.Local)
		b.WriteString(` xmlns:stream="` + NSStream + `"`)
	} else {
		b.WriteString(e.Local)
		if e.Space != parentNS {
			b.WriteString(` xmlns="`)
			escape(b, e.Space, true)
			b.WriteByte('"')
			scope = e.Space
		}
	}
	encodeAttrs(b, e.Attr)
	if len(e.Nodes) == 0 {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	for _, n := range e.Nodes {
		if n.El != nil {
			n.El.encode(b, scope)
		} else {
			escape(b, n.Text, false)
		}
	}
	b.WriteString("</")
	if e.Space == NSStream {
		b.WriteString("stream:")
	}
	b.WriteString(e.Local)
	b.WriteByte('>')
}

func encodeAttrs(b *bytes.Buffer, attrs []xml.Attr) {
	for i, a := range attrs {
		b.WriteByte(' ')
		switch a.Name.Space {
		case "":
			b.WriteString(a.Name.Local)
		case NSXML, "xml":
			b.WriteString("xml:" + a.Name.Local)
		default:
			p := "a" + strconv.Itoa(i)
			b.WriteString("xmlns:" + p + `="`)
			escape(b, a.Name.Space, true)
			b.WriteString(`" ` + p + ":" + a.Name.Local)
		}
		b.WriteString(`="`)
		escape(b, a.Value, true)
		b.WriteByte('"')
	}
}

func escape(b *bytes.Buffer, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			if !attr {
				continue
			}
			esc = "&quot;"
		case '\'':
			if !attr {
				continue
			}
			esc = "&apos;"
		case '\n', '\r', '\t':
			if !attr {
				continue
			}
			esc = "&#" + strconv.Itoa(int(s[i])) + ";"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}
