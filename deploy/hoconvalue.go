package deploy

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/gurkankaymak/hocon"
	"github.com/jitsi-go/jitsi-go/config"
)

// parseHOCON parses HOCON text with github.com/gurkankaymak/hocon after
// the project's own syntax scan (config.ParseHOCON) has accepted it: the
// library loops forever on some malformed text, e.g. "[\x82\xc8" or an
// unterminated string in a list (found by FuzzLoad), and the scan rejects
// those with file, line and column. A panic in the library becomes an
// error, so no input can crash the caller.
func parseHOCON(src string) (*hocon.Config, error) {
	_, cfg, err := parseNamed("", []byte(src))
	return cfg, err
}

// parseNamed is parseHOCON also returning the position index.
func parseNamed(name string, src []byte) (doc *config.Doc, cfg *hocon.Config, err error) {
	if doc, err = config.ParseHOCON(name, src); err != nil {
		return nil, nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			cfg, err = nil, fmt.Errorf("HOCON parser failed: %v", r)
		}
	}()
	cfg, err = hocon.ParseString(string(src))
	return doc, cfg, err
}

// obj walks one HOCON object, remembering which keys were read so that
// unknown keys can be reported, and collecting errors named by path.
type obj struct {
	path string
	m    hocon.Object
	seen map[string]bool
	errs *[]error
}

func newObj(path string, m hocon.Object, errs *[]error) *obj {
	return &obj{path: path, m: m, seen: map[string]bool{}, errs: errs}
}

func (o *obj) field(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

func (o *obj) fail(key, format string, args ...any) {
	*o.errs = append(*o.errs, fieldErr(o.field(key), format, args...))
}

// get returns the value at key; null counts as absent.
func (o *obj) get(key string) (hocon.Value, bool) {
	o.seen[key] = true
	v, ok := o.m[key]
	if !ok || v == nil || v.Type() == hocon.NullType {
		return nil, false
	}
	return v, true
}

// scalar renders a string, number, boolean or concatenation of them.
func scalar(v hocon.Value) (string, bool) {
	switch x := v.(type) {
	case hocon.String:
		return strings.Trim(string(x), `"`), true
	case hocon.Int:
		return strconv.Itoa(int(x)), true
	case hocon.Boolean:
		return strconv.FormatBool(bool(x)), true
	}
	if v.Type() == hocon.ConcatenationType {
		return concatScalar(v)
	}
	return "", false
}

// concatScalar joins a concatenation such as the unquoted 2G (Int 2, "",
// String G) or meet.example.org from its parts. The concatenation type is
// unexported, so its elements are reached by reflection. Parts that are
// not strings or integers (1.5G starts with a float) are refused.
func concatScalar(v hocon.Value) (string, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < rv.Len(); i++ {
		e, ok := rv.Index(i).Interface().(hocon.Value)
		if !ok || e == nil {
			return "", false
		}
		s, ok := scalar(e)
		if !ok {
			return "", false
		}
		b.WriteString(s)
	}
	return b.String(), true
}

// str reads a string; required reports a missing key as an error.
func (o *obj) str(key string, required bool) string {
	v, ok := o.get(key)
	if !ok {
		if required {
			o.fail(key, "missing")
		}
		return ""
	}
	s, ok := scalar(v)
	if !ok {
		o.fail(key, "want a string, found %s (quote values such as 1.5G or addresses)", typeName(v))
	}
	return s
}

func (o *obj) boolean(key string, def bool) bool {
	v, ok := o.get(key)
	if !ok {
		return def
	}
	b, isBool := v.(hocon.Boolean)
	if !isBool {
		o.fail(key, "want true or false, found %q", v.String())
		return def
	}
	return bool(b)
}

func (o *obj) integer(key string) int {
	v, ok := o.get(key)
	if !ok {
		return 0
	}
	s, _ := scalar(v)
	n, err := strconv.Atoi(s)
	if err != nil {
		o.fail(key, "want an integer, found %q", v.String())
	}
	return n
}

func (o *obj) strList(key string) []string {
	v, ok := o.get(key)
	if !ok {
		return nil
	}
	arr, isArr := v.(hocon.Array)
	if !isArr {
		o.fail(key, "want a list [ ... ], found %s", typeName(v))
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := scalar(e)
		if !ok {
			o.fail(fmt.Sprintf("%s[%d]", key, i), "want a string, found %s", typeName(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// object returns the sub-object at key, or nil if absent or not an object.
func (o *obj) object(key string, required bool) *obj {
	v, ok := o.get(key)
	if !ok {
		if required {
			o.fail(key, "missing")
		}
		return nil
	}
	m, isObj := v.(hocon.Object)
	if !isObj {
		o.fail(key, "want an object { ... }, found %s", typeName(v))
		return nil
	}
	return newObj(o.field(key), m, o.errs)
}

// unknown reports every key that was never read.
func (o *obj) unknown() {
	var keys []string
	for k := range o.m {
		if !o.seen[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		o.fail(k, "unknown key")
	}
}

// typeName names a HOCON value's type for messages.
func typeName(v hocon.Value) string {
	switch v.Type() {
	case hocon.ObjectType:
		return "an object"
	case hocon.ArrayType:
		return "a list"
	case hocon.NumberType:
		return "a number"
	case hocon.BooleanType:
		return "a boolean"
	case hocon.StringType:
		return "a string"
	}
	return "a " + fmt.Sprintf("%T", v)
}
