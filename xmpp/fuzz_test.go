package xmpp

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the stream reader: it must never
// panic, and every element it accepts must survive a marshal round trip.
func FuzzReader(f *testing.F) {
	for _, d := range fixtures(f) {
		f.Add(d)
	}
	f.Add([]byte(`<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><a/>`))
	f.Add([]byte(`<!DOCTYPE l [<!ENTITY a "&b;&b;">]><a>&a;</a>`))
	f.Add([]byte(`<a xmlns:p="u" p:x="1" xml:lang="en"><p:b/></a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), 4096)
		if _, err := r.StreamStart(); err != nil {
			r = NewReader(bytes.NewReader(data), 4096)
		}
		for i := 0; i < 8; i++ {
			e, err := r.ReadElement()
			if err != nil {
				return
			}
			out := e.Marshal("")
			e2, err := ParseElement(out)
			if err != nil {
				if errors.Is(err, ErrTooDeep) {
					return
				}
				t.Fatalf("marshal output does not parse: %v\n%q\n%q", err, data, out)
			}
			if !reflect.DeepEqual(normalize(e), normalize(e2)) {
				t.Fatalf("round trip changed element\nin  %q\nout %q", data, out)
			}
		}
	})
}

// normalize merges adjacent text nodes and drops empty ones, which the
// decoder may split differently.
func normalize(e *Element) *Element {
	c := &Element{Space: e.Space, Local: e.Local, Attr: e.Attr}
	var text []byte
	flush := func() {
		if len(text) > 0 {
			c.Nodes = append(c.Nodes, Node{Text: string(text)})
			text = nil
		}
	}
	for _, n := range e.Nodes {
		if n.El == nil {
			text = append(text, n.Text...)
			continue
		}
		flush()
		c.Nodes = append(c.Nodes, Node{El: normalize(n.El)})
	}
	flush()
	if len(c.Attr) == 0 {
		c.Attr = nil
	}
	return c
}
