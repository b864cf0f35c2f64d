package config

import (
	"fmt"
	"strings"

	"github.com/gurkankaymak/hocon"
)

// ParseHOCONRepair parses HOCON text like ParseHOCON, with one documented
// repair: when the only defect is that some '{' are still open at end of file
// (the OpenBSD guide's jvb.conf as printed lost its last two '}'), the missing
// '}' are added at end of file and Doc.Repairs gets one Warning per brace,
// naming the line where it was opened. Every other defect stays an *Error.
// The Java daemons refuse such files; a repaired file should be fixed.
func ParseHOCONRepair(filename string, data []byte) (*Doc, error) {
	ix, serr := scanPositions(filename, data)
	if serr != nil {
		return nil, serr
	}
	if len(ix.unclosed) == 0 {
		return build(filename, data, ix)
	}
	fixed := make([]byte, 0, len(data)+len(ix.unclosed)+2)
	fixed = append(append(fixed, data...), '\n')
	fixed = append(fixed, strings.Repeat("}", len(ix.unclosed))...)
	fixed = append(fixed, '\n')
	d, err := build(filename, fixed, ix)
	if err != nil {
		return nil, err
	}
	for i := len(ix.unclosed) - 1; i >= 0; i-- {
		ob := ix.unclosed[i]
		name := "the root object"
		if ob.path != "" {
			name = fmt.Sprintf("%q", ob.path)
		}
		d.Repairs = append(d.Repairs, Warning{File: filename, Line: ob.tok.line, Key: ob.path,
			Msg: fmt.Sprintf("the '{' opened here (column %d) for %s is never closed: assumed closed at end of file; "+
				"keys after its intended end now sit inside it (the Java bridge refuses this file: add the missing '}')",
				ob.tok.col, name)})
	}
	return d, nil
}

// Relocate moves the leaf at from to the path to, keeping its position, and
// drops objects left empty by the move. It refuses (false) when to is already
// set, when from is not a leaf, or when a segment of to is not an object.
func (d *Doc) Relocate(from, to string) bool {
	v, ok := d.lookup(from)
	if _, isObj := v.(hocon.Object); !ok || isObj || d.Has(to) || from == "" || to == "" {
		return false
	}
	segs := strings.Split(to, ".")
	node, parent := d.root, ""
	for _, s := range segs[:len(segs)-1] {
		next, exists := node[s]
		if !exists || next == nil {
			next = hocon.Object{}
			node[s] = next
			d.ix.addChild(parent, s)
		}
		obj, isObj := next.(hocon.Object)
		if !isObj {
			return false
		}
		node, parent = obj, join(parent, s)
	}
	node[segs[len(segs)-1]] = v
	d.ix.addChild(parent, segs[len(segs)-1])
	d.ix.pos[to] = d.ix.pos[from]
	d.remove(from)
	return true
}

// remove deletes key from the tree, then every ancestor it leaves empty.
func (d *Doc) remove(key string) {
	for key != "" {
		parentKey, leaf := "", key
		if i := strings.LastIndexByte(key, '.'); i >= 0 {
			parentKey, leaf = key[:i], key[i+1:]
		}
		pv, _ := d.lookup(parentKey)
		parent, ok := pv.(hocon.Object)
		if !ok {
			return
		}
		delete(parent, leaf)
		if len(parent) > 0 || parentKey == "" {
			return
		}
		key = parentKey
	}
}

func (ix *index) addChild(parent, name string) {
	for _, c := range ix.children[parent] {
		if c == name {
			return
		}
	}
	ix.children[parent] = append(ix.children[parent], name)
}

// relocateStray handles keys misplaced by a repaired file: a leaf that known
// rejects but that becomes known once one intermediate segment of its path is
// dropped is moved there, with a Warning naming its line and both paths. It
// does nothing in a file that needed no repair.
func (d *Doc) relocateStray(known func(string) bool) []Warning {
	if len(d.Repairs) == 0 {
		return nil
	}
	var out []Warning
	for _, key := range d.Leaves() {
		if known(key) {
			continue
		}
		segs := strings.Split(key, ".")
		for i := 1; i < len(segs)-1; i++ {
			to := strings.Join(append(append([]string{}, segs[:i]...), segs[i+1:]...), ".")
			if !known(to) {
				continue
			}
			line := d.Line(key)
			if d.Has(to) {
				out = append(out, Warning{File: d.File, Line: line, Key: key, Msg: fmt.Sprintf(
					"ignored: it looks misplaced by the unclosed '{' but %s is already set at line %d", to, d.Line(to))})
			} else if d.Relocate(key, to) {
				out = append(out, Warning{File: d.File, Line: line, Key: to, Msg: fmt.Sprintf(
					"read as %s: the unclosed '{' put it at %s, where it means nothing", to, key)})
			}
			break
		}
	}
	return out
}
