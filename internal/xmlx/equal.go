package xmlx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
)

// node is a namespace-resolved element tree used for comparison.
type node struct {
	name     xml.Name
	attrs    []string
	text     string
	children []*node
}

// Equal reports whether two XML documents are the same element tree: names
// compared by namespace URI and local part, attributes as sets (namespace
// declarations and prefixes ignored), character data with surrounding white
// space trimmed. Siblings of different names may come in any order, as they
// may in Jingle and Colibri2; siblings of the same name keep their order
// (payload-type preference, candidate and source order are meaningful).
// The error says where the documents first differ.
func Equal(a, b []byte) error {
	na, err := parseTree(a)
	if err != nil {
		return fmt.Errorf("first document: %w", err)
	}
	nb, err := parseTree(b)
	if err != nil {
		return fmt.Errorf("second document: %w", err)
	}
	return compare(na, nb, "")
}

func parseTree(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name}
			for _, at := range t.Attr {
				if at.Name.Space == "xmlns" || (at.Name.Space == "" && at.Name.Local == "xmlns") {
					continue
				}
				n.attrs = append(n.attrs, at.Name.Space+"|"+at.Name.Local+"="+at.Value)
			}
			sort.Strings(n.attrs)
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

func compare(a, b *node, path string) error {
	here := path + "/" + a.name.Local
	if a.name != b.name {
		return fmt.Errorf("%s: element {%s}%s vs {%s}%s", path, a.name.Space, a.name.Local, b.name.Space, b.name.Local)
	}
	if strings.Join(a.attrs, " ") != strings.Join(b.attrs, " ") {
		return fmt.Errorf("%s: attributes %v vs %v", here, a.attrs, b.attrs)
	}
	if ta, tb := strings.TrimSpace(a.text), strings.TrimSpace(b.text); ta != tb {
		return fmt.Errorf("%s: text %q vs %q", here, ta, tb)
	}
	sortChildren(a)
	sortChildren(b)
	if len(a.children) != len(b.children) {
		return fmt.Errorf("%s: %d children vs %d", here, len(a.children), len(b.children))
	}
	for i := range a.children {
		if err := compare(a.children[i], b.children[i], here); err != nil {
			return err
		}
	}
	return nil
}

// sortChildren orders children by qualified name, keeping the order of
// same-named siblings.
func sortChildren(n *node) {
	sort.SliceStable(n.children, func(i, j int) bool {
		ni, nj := n.children[i].name, n.children[j].name
		if ni.Space != nj.Space {
			return ni.Space < nj.Space
		}
		return ni.Local < nj.Local
	})
}
