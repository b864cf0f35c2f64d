package config

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gurkankaymak/hocon"
)

// lookup walks the value tree along a dotted key. "" is the root. Array
// elements are addressed by their index. A quoted key containing dots
// ("a.b" = 1) is found by joining segments when the single one is absent.
func (d *Doc) lookup(key string) (hocon.Value, bool) {
	var v hocon.Value = d.root
	if key == "" {
		return v, true
	}
	segs := strings.Split(key, ".")
	for i := 0; i < len(segs); i++ {
		switch node := v.(type) {
		case hocon.Object:
			seg := segs[i]
			v = node[seg]
			for j := i + 1; v == nil && j < len(segs); j++ {
				seg += "." + segs[j]
				if next, ok := node[seg]; ok {
					v, i = next, j
				}
			}
		case hocon.Array:
			n, err := strconv.Atoi(segs[i])
			if err != nil || n < 0 || n >= len(node) {
				return nil, false
			}
			v = node[n]
		default:
			return nil, false
		}
		if v == nil {
			return nil, false
		}
	}
	return v, true
}

// Has reports whether key is set (to anything but null).
func (d *Doc) Has(key string) bool {
	v, ok := d.lookup(key)
	if !ok {
		return false
	}
	_, isNull := v.(hocon.Null)
	return !isNull
}

// Line returns the line where key was last assigned, or 0 if it is unknown.
func (d *Doc) Line(key string) int {
	if kp := d.ix.pos[key]; kp != nil {
		return kp.line
	}
	return 0
}

// Keys lists the child keys of the object at key ("" is the root) in the
// order they first appear in the file.
func (d *Doc) Keys(key string) []string {
	v, ok := d.lookup(key)
	obj, isObj := v.(hocon.Object)
	if !ok || !isObj {
		return nil
	}
	keys := make([]string, 0, len(obj))
	seen := make(map[string]bool, len(obj))
	for _, k := range d.ix.children[key] {
		if _, present := obj[k]; present && !seen[k] {
			keys = append(keys, k)
			seen[k] = true
		}
	}
	var extra []string // keys the index does not know (merged by substitution)
	for k := range obj {
		if !seen[k] {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	return append(keys, extra...)
}

// Fold resolves key case-insensitively against the file, segment by segment
// (an exact match wins), and returns it as spelled in the file. Keys that do
// not exist come back unchanged. jvb reads its xmpp-client entries this way
// (the Debian default writes HOSTNAME=, MUC_JIDS=).
func (d *Doc) Fold(key string) string {
	if key == "" {
		return key
	}
	var out []string
	parent := ""
	for _, seg := range strings.Split(key, ".") {
		match := seg
		if v, _ := d.lookup(join(parent, seg)); v == nil {
			for _, k := range d.Keys(parent) {
				if strings.EqualFold(k, seg) {
					match = k
					break
				}
			}
		}
		out = append(out, match)
		parent = join(parent, match)
	}
	return strings.Join(out, ".")
}

// pos returns the recorded position of key or, for a key that is not in the
// file, of its nearest ancestor that is.
func (d *Doc) pos(key string) keyPos {
	for {
		if kp := d.ix.pos[key]; kp != nil {
			return *kp
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return keyPos{}
		}
		key = key[:i]
	}
}

// typeErr builds the *Error for a value of the wrong type at key.
func (d *Doc) typeErr(key, want string, got hocon.Value) *Error {
	p := d.pos(key)
	return &Error{File: d.File, Line: p.line, Col: p.col, Key: key,
		Msg: "want " + want + ", got " + describe(got), Err: ErrType}
}

// Errorf builds an *Error at key's position for validation failures found by
// the caller (a port out of range…); kind is one of the package's sentinels.
func (d *Doc) Errorf(kind error, key, msg string) *Error {
	p := d.pos(key)
	return &Error{File: d.File, Line: p.line, Col: p.col, Key: key, Msg: msg, Err: kind}
}

// Warn builds a Warning at key's line.
func (d *Doc) Warn(key, msg string) Warning {
	return Warning{File: d.File, Line: d.Line(key), Key: key, Msg: msg}
}
