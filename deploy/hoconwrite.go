package deploy

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/gurkankaymak/hocon"
)

// hnode is one key of an emitted HOCON document: a leaf (string, int,
// bool or []string) or an object (children).
type hnode struct {
	key      string
	val      any
	children []hnode
	items    [][]hnode // a list of objects, when non-nil
	comment  string
}

func hkv(key string, v any) hnode { return hnode{key: key, val: v} }

func hobj(key string, children ...hnode) hnode { return hnode{key: key, children: children} }

// hlist is a key holding a list of objects.
func hlist(key string, items ...[]hnode) hnode {
	if items == nil {
		items = [][]hnode{}
	}
	return hnode{key: key, items: items}
}

func (n hnode) withComment(c string) hnode { n.comment = c; return n }

// renderHOCON writes nodes with two-space indentation, one key per line,
// strings as JSON strings (which HOCON accepts unchanged).
func renderHOCON(header []string, nodes []hnode) []byte {
	var b strings.Builder
	for _, h := range header {
		b.WriteString("# " + h + "\n")
	}
	for _, n := range nodes {
		writeNode(&b, n, 0)
	}
	return []byte(b.String())
}

func writeNode(b *strings.Builder, n hnode, depth int) {
	ind := strings.Repeat("  ", depth)
	if n.comment != "" {
		b.WriteString(ind + "// " + n.comment + "\n")
	}
	if n.items != nil && len(n.items) == 0 {
		b.WriteString(ind + n.key + " = [ ]\n")
		return
	}
	if n.items != nil {
		b.WriteString(ind + n.key + " = [\n")
		for _, it := range n.items {
			b.WriteString(ind + "  {\n")
			for _, c := range it {
				writeNode(b, c, depth+2)
			}
			b.WriteString(ind + "  }\n")
		}
		b.WriteString(ind + "]\n")
		return
	}
	if n.val == nil {
		b.WriteString(ind + n.key + " {\n")
		for _, c := range n.children {
			writeNode(b, c, depth+1)
		}
		b.WriteString(ind + "}\n")
		return
	}
	b.WriteString(ind + n.key + " = " + hoconValue(n.val) + "\n")
}

func hoconValue(v any) string {
	switch x := v.(type) {
	case string:
		q, _ := json.Marshal(x)
		return string(q)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = hoconValue(s)
		}
		return "[ " + strings.Join(parts, ", ") + " ]"
	}
	return fmt.Sprintf("%q", fmt.Sprint(v))
}

// verifyHOCON parses data with an independent HOCON parser and checks
// that every emitted key reads back with the emitted value, which also
// proves the braces balance.
func verifyHOCON(data []byte, nodes []hnode) error {
	cfg, err := parseHOCON(string(data))
	if err != nil {
		return err
	}
	root, ok := cfg.GetRoot().(hocon.Object)
	if !ok {
		return fmt.Errorf("root is not an object")
	}
	return verifyNodes(root, nodes, "")
}

func verifyNodes(o hocon.Object, nodes []hnode, path string) error {
	for _, n := range nodes {
		p := strings.TrimPrefix(path+"."+n.key, ".")
		v, ok := o[n.key]
		if !ok {
			return fmt.Errorf("%s: missing when read back", p)
		}
		if n.items != nil {
			if err := verifyItems(v, n.items, p); err != nil {
				return err
			}
			continue
		}
		if n.val == nil {
			sub, isObj := v.(hocon.Object)
			if !isObj {
				return fmt.Errorf("%s: read back as %s, not an object", p, typeName(v))
			}
			if err := verifyNodes(sub, n.children, p); err != nil {
				return err
			}
			continue
		}
		if got, want := readBack(v), plain(n.val); got != want {
			return fmt.Errorf("%s: read back as %s, emitted %s", p, got, want)
		}
	}
	return nil
}

// verifyItems checks a list of objects element by element.
func verifyItems(v hocon.Value, items [][]hnode, path string) error {
	arr, ok := v.(hocon.Array)
	if !ok || len(arr) != len(items) {
		return fmt.Errorf("%s: read back as %s, not a list of %d objects", path, typeName(v), len(items))
	}
	for i, it := range items {
		o, isObj := arr[i].(hocon.Object)
		if !isObj {
			return fmt.Errorf("%s[%d]: not an object", path, i)
		}
		if err := verifyNodes(o, it, fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// readBack and plain render a value the same way for comparison.
func readBack(v hocon.Value) string {
	if arr, ok := v.(hocon.Array); ok {
		parts := make([]string, len(arr))
		for i, e := range arr {
			parts[i] = readBack(e)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	s, _ := scalar(v)
	return s
}

func plain(v any) string {
	if ss, ok := v.([]string); ok {
		return "[" + strings.Join(ss, ",") + "]"
	}
	return fmt.Sprint(v)
}

// lookupHOCON returns the scalar at a dotted path of parsed HOCON.
func lookupHOCON(data []byte, path string) (string, error) {
	vals, err := hoconValues(data, path)
	return vals[path], err
}

// hoconValues parses data once and returns the scalars at the dotted
// paths; a missing path is an error naming it.
func hoconValues(data []byte, paths ...string) (map[string]string, error) {
	out := map[string]string{}
	cfg, err := parseHOCON(string(data))
	if err != nil {
		return out, err
	}
	root, ok := cfg.GetRoot().(hocon.Object)
	if !ok {
		return out, fmt.Errorf("root is not an object")
	}
	for _, path := range paths {
		v, err := walkPath(root, path)
		if err != nil {
			return out, err
		}
		out[path] = v
	}
	return out, nil
}

func walkPath(v hocon.Object, path string) (string, error) {
	keys := strings.Split(path, ".")
	for i, k := range keys {
		val, found := v[k]
		if !found {
			return "", fmt.Errorf("%s: missing", path)
		}
		if i == len(keys)-1 {
			return readBack(val), nil
		}
		sub, ok := val.(hocon.Object)
		if !ok {
			return "", fmt.Errorf("%s: %s is not an object", path, k)
		}
		v = sub
	}
	return "", fmt.Errorf("%s: empty path", path)
}
