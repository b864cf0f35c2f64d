package config

import (
	"strconv"
	"strings"
)

// Fold returns key as spelled in the file, matched case-insensitively (an
// exact match wins); unknown keys come back unchanged.
func (p *Properties) Fold(key string) string {
	if _, ok := p.entries[key]; ok {
		return key
	}
	for _, k := range p.order {
		if strings.EqualFold(k, key) {
			return k
		}
	}
	return key
}

// String returns the value of key, trimmed, or def when it is not defined.
func (p *Properties) String(key, def string) string {
	if v, ok := p.Get(key); ok {
		return strings.TrimSpace(v)
	}
	return def
}

// Int returns the integer value of key, or def. A value that is not an
// integer is an *Error naming file, line and key.
func (p *Properties) Int(key string, def int) (int, error) {
	v, ok := p.Get(key)
	if !ok {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def, p.typeErr(key, "an integer", v)
	}
	return n, nil
}

// Bool returns the boolean value of key ("true"/"false", any case), or def.
func (p *Properties) Bool(key string, def bool) (bool, error) {
	v, ok := p.Get(key)
	if !ok {
		return def, nil
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return def, p.typeErr(key, "true or false", v)
}

// Strings returns the comma-separated list at key, or def.
func (p *Properties) Strings(key string, def []string) []string {
	if v, ok := p.Get(key); ok {
		return splitList(v)
	}
	return def
}

// WithPrefix lists the keys that start with prefix, in file order.
func (p *Properties) WithPrefix(prefix string) []string {
	var out []string
	for _, k := range p.order {
		if strings.HasPrefix(k, prefix) {
			out = append(out, k)
		}
	}
	return out
}

func (p *Properties) typeErr(key, want, got string) *Error {
	return &Error{File: p.File, Line: p.Line(key), Key: key, Msg: "want " + want + ", got " + strconv.Quote(got), Err: ErrType}
}

// Warn builds a Warning at key's line.
func (p *Properties) Warn(key, msg string) Warning {
	return Warning{File: p.File, Line: p.Line(key), Key: key, Msg: msg}
}
