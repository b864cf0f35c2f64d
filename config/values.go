package config

import (
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/gurkankaymak/hocon"
)

// scalar returns the text of a scalar value, or false for objects, lists and
// null. Strings come from the position scanner when it saw the same value,
// because the library neither decodes escapes nor joins concatenations.
func (d *Doc) scalar(key string, v hocon.Value) (string, bool) {
	kp := d.ix.pos[key]
	fromScan := kp != nil && kp.scalar && !kp.subst
	switch x := v.(type) {
	case hocon.Object, hocon.Array, hocon.Null, nil:
		return "", false
	case hocon.String:
		if fromScan && (kp.quoted || kp.text == string(x)) {
			return kp.text, true
		}
		return string(x), true
	case hocon.Int, hocon.Float32, hocon.Float64, hocon.Boolean, hocon.Duration:
		if fromScan && kp.text != "" {
			return kp.text, true
		}
		return x.String(), true
	}
	if fromScan {
		return kp.text, true
	}
	rv := reflect.ValueOf(v) // the library's unexported concatenation type
	if rv.Kind() != reflect.Slice {
		return v.String(), true
	}
	var b strings.Builder
	for i := range rv.Len() {
		if s, ok := rv.Index(i).Interface().(hocon.String); ok {
			b.WriteString(string(s))
		} else if e, ok := rv.Index(i).Interface().(hocon.Value); ok && e != nil {
			b.WriteString(e.String())
		}
	}
	return b.String(), true
}

// describe renders a value for error messages.
func describe(v hocon.Value) string {
	switch x := v.(type) {
	case nil, hocon.Null:
		return "null"
	case hocon.Object:
		return "an object"
	case hocon.Array:
		return "a list"
	case hocon.String:
		return strconv.Quote(string(x))
	}
	return strconv.Quote(v.String())
}

// get returns the value at key, or ok=false when it is absent or null.
func (d *Doc) get(key string) (hocon.Value, bool) {
	v, ok := d.lookup(key)
	if _, null := v.(hocon.Null); !ok || null {
		return nil, false
	}
	return v, true
}

// String returns the string at key, or def when it is absent. Numbers and
// booleans are returned as written; objects and lists are an *Error.
func (d *Doc) String(key, def string) (string, error) {
	v, ok := d.get(key)
	if !ok {
		return def, nil
	}
	s, ok := d.scalar(key, v)
	if !ok {
		return def, d.typeErr(key, "a string", v)
	}
	return s, nil
}

// Int returns the integer at key, or def. A quoted number is accepted, as
// Typesafe Config does.
func (d *Doc) Int(key string, def int) (int, error) {
	v, ok := d.get(key)
	if !ok {
		return def, nil
	}
	switch x := v.(type) {
	case hocon.Int:
		return int(x), nil
	case hocon.Float64:
		if float64(int(x)) == float64(x) {
			return int(x), nil
		}
	}
	if s, ok := d.scalar(key, v); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			return n, nil
		}
	}
	return def, d.typeErr(key, "an integer", v)
}

// Float returns the number at key, or def.
func (d *Doc) Float(key string, def float64) (float64, error) {
	v, ok := d.get(key)
	if !ok {
		return def, nil
	}
	if s, ok := d.scalar(key, v); ok {
		if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return f, nil
		}
	}
	return def, d.typeErr(key, "a number", v)
}

// Bool returns the boolean at key, or def. true/false, yes/no and on/off are
// accepted, quoted or not, as in Typesafe Config.
func (d *Doc) Bool(key string, def bool) (bool, error) {
	v, ok := d.get(key)
	if !ok {
		return def, nil
	}
	if b, isBool := v.(hocon.Boolean); isBool {
		return bool(b), nil
	}
	if s, ok := d.scalar(key, v); ok {
		if b, ok := parseBool(s); ok {
			return b, nil
		}
	}
	return def, d.typeErr(key, "a boolean", v)
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off":
		return false, true
	}
	return false, false
}

// Duration returns the duration at key, or def. It takes the HOCON forms
// "5 seconds", "10s", "1 minute", "500ms", "2h", ISO-8601 "PT30S", and a bare
// number as milliseconds.
func (d *Doc) Duration(key string, def time.Duration) (time.Duration, error) {
	v, ok := d.get(key)
	if !ok {
		return def, nil
	}
	if s, ok := d.scalar(key, v); ok {
		if dur, ok := parseDuration(s); ok {
			return dur, nil
		}
	}
	return def, d.typeErr(key, "a duration (like \"5 seconds\" or \"500ms\")", v)
}

// Strings returns the list at key, or def. A string is split at commas, the
// way jvb reads muc_jids; blanks around items are dropped.
func (d *Doc) Strings(key string, def []string) ([]string, error) {
	v, ok := d.get(key)
	if !ok {
		return def, nil
	}
	if arr, isArr := v.(hocon.Array); isArr {
		out := make([]string, 0, len(arr))
		for i, e := range arr {
			ek := join(key, strconv.Itoa(i))
			s, ok := d.scalar(ek, e)
			if !ok {
				return def, d.typeErr(key, "a list of strings", v)
			}
			out = append(out, s)
		}
		return out, nil
	}
	s, ok := d.scalar(key, v)
	if !ok {
		return def, d.typeErr(key, "a list or a comma-separated string", v)
	}
	return splitList(s), nil
}

// splitList splits "a, b,c" into its non-empty, trimmed items.
func splitList(s string) []string {
	out := []string{}
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// Len returns the number of elements of the list at key (0 if it is not a list).
func (d *Doc) Len(key string) int {
	v, _ := d.get(key)
	arr, _ := v.(hocon.Array)
	return len(arr)
}
