package xmpp

import (
	"encoding/xml"
	"strings"
)

// Element is one XML element with its attributes and children. Unknown
// children are kept verbatim so routers pass extensions through untouched.
type Element struct {
	Space string
	Local string
	Attr  []xml.Attr
	Nodes []Node
}

// Node is either a child element or character data.
type Node struct {
	El   *Element
	Text string
}

// NewElement returns an element with the given namespace, name and attribute
// pairs (name, value, name, value …).
func NewElement(space, local string, attrs ...string) *Element {
	e := &Element{Space: space, Local: local}
	for i := 0; i+1 < len(attrs); i += 2 {
		e.SetAttr(attrs[i], attrs[i+1])
	}
	return e
}

// Name returns the element's expanded name.
func (e *Element) Name() xml.Name { return xml.Name{Space: e.Space, Local: e.Local} }

// Is reports whether the element has the given namespace and local name.
func (e *Element) Is(space, local string) bool { return e.Space == space && e.Local == local }

// Get returns the value of the unqualified attribute name, or "".
func (e *Element) Get(name string) string {
	for _, a := range e.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// SetAttr sets (or with an empty value removes) the unqualified attribute.
func (e *Element) SetAttr(name, value string) *Element {
	for i, a := range e.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			if value == "" {
				e.Attr = append(e.Attr[:i], e.Attr[i+1:]...)
			} else {
				e.Attr[i].Value = value
			}
			return e
		}
	}
	if value != "" {
		e.Attr = append(e.Attr, xml.Attr{Name: xml.Name{Local: name}, Value: value})
	}
	return e
}

// Add appends child elements and returns e.
func (e *Element) Add(children ...*Element) *Element {
	for _, c := range children {
		e.Nodes = append(e.Nodes, Node{El: c})
	}
	return e
}

// AddText appends character data and returns e.
func (e *Element) AddText(s string) *Element {
	e.Nodes = append(e.Nodes, Node{Text: s})
	return e
}

// Text returns the concatenated character data directly inside e.
func (e *Element) Text() string {
	var b strings.Builder
	for _, n := range e.Nodes {
		if n.El == nil {
			b.WriteString(n.Text)
		}
	}
	return b.String()
}

// Children returns the child elements.
func (e *Element) Children() []*Element {
	out := make([]*Element, 0, len(e.Nodes))
	for _, n := range e.Nodes {
		if n.El != nil {
			out = append(out, n.El)
		}
	}
	return out
}

// Child returns the first child with the given namespace and name ("" space
// matches any namespace), or nil.
func (e *Element) Child(space, local string) *Element {
	for _, n := range e.Nodes {
		if n.El != nil && n.El.Local == local && (space == "" || n.El.Space == space) {
			return n.El
		}
	}
	return nil
}

// FirstChild returns the first child element or nil.
func (e *Element) FirstChild() *Element {
	for _, n := range e.Nodes {
		if n.El != nil {
			return n.El
		}
	}
	return nil
}

// RemoveChildren drops every child with the given namespace and name.
func (e *Element) RemoveChildren(space, local string) {
	kept := e.Nodes[:0]
	for _, n := range e.Nodes {
		if n.El != nil && n.El.Space == space && n.El.Local == local {
			continue
		}
		kept = append(kept, n)
	}
	e.Nodes = kept
}

// Copy returns a deep copy of e.
func (e *Element) Copy() *Element {
	c := &Element{Space: e.Space, Local: e.Local}
	c.Attr = append([]xml.Attr(nil), e.Attr...)
	if len(e.Nodes) == 0 {
		return c
	}
	c.Nodes = make([]Node, len(e.Nodes))
	for i, n := range e.Nodes {
		if n.El != nil {
			c.Nodes[i] = Node{El: n.El.Copy()}
		} else {
			c.Nodes[i] = n
		}
	}
	return c
}

// ShallowCopy returns a copy of e sharing its children but with its own
// attribute and node slices, for cheap to/from rewriting while routing.
func (e *Element) ShallowCopy() *Element {
	c := *e
	c.Attr = append([]xml.Attr(nil), e.Attr...)
	c.Nodes = append([]Node(nil), e.Nodes...)
	return &c
}

// Renamespace replaces namespace from with to in e and all descendants (a
// component's jabber:component:accept stanzas become jabber:client).
func (e *Element) Renamespace(from, to string) {
	if e.Space == from {
		e.Space = to
	}
	for _, n := range e.Nodes {
		if n.El != nil {
			n.El.Renamespace(from, to)
		}
	}
}
