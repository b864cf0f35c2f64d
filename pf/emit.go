package pf

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
)

// Ruleset is what Emit renders: a header comment, macros, tables,
// options and rules, in that order (pf does not enforce an order, but
// macros and tables must precede their use).
type Ruleset struct {
	Header  []string // comment lines, written with a leading "# "
	Macros  []Macro
	Tables  []Table
	Options []Option
	Rules   []Rule
}

// Emit renders rs as pf.conf text and parses it back; it returns an error
// (never text) if the parser rejects it or reads back different rules.
func Emit(rs Ruleset) ([]byte, error) {
	if err := checkValues(rs); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	for _, h := range rs.Header {
		fmt.Fprintf(&b, "# %s\n", h)
	}
	section(&b, rs.Macros, len(rs.Header) > 0)
	section(&b, rs.Tables, b.Len() > 0)
	section(&b, rs.Options, b.Len() > 0)
	section(&b, rs.Rules, b.Len() > 0)
	parsed, err := Parse(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("emitted ruleset does not parse: %w", err)
	}
	if err := sameRules(rs, parsed); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func section[T interface{ String() string }](b *bytes.Buffer, items []T, gap bool) {
	if len(items) == 0 {
		return
	}
	if gap {
		b.WriteByte('\n')
	}
	for _, it := range items {
		b.WriteString(it.String())
		b.WriteByte('\n')
	}
}

// checkValues rejects macro values and comments the renderer could not
// quote or that would swallow the rest of a line.
func checkValues(rs Ruleset) error {
	for _, m := range rs.Macros {
		if m.Value == "" || strings.ContainsAny(m.Value, "\"'\\\n#") {
			return fmt.Errorf("%w: macro %s: value %q cannot be quoted", ErrEmit, m.Name, m.Value)
		}
	}
	for _, r := range rs.Rules {
		if strings.ContainsRune(r.Comment, '\n') || strings.ContainsRune(r.Label, '\n') {
			return fmt.Errorf("%w: rule %q: comment or label cannot be written", ErrEmit, r.Action)
		}
	}
	for _, h := range rs.Header {
		if strings.ContainsRune(h, '\n') {
			return fmt.Errorf("%w: header line contains a newline", ErrEmit)
		}
	}
	return nil
}

// sameRules compares the model (macros expanded) with what was parsed.
func sameRules(rs Ruleset, f *File) error {
	if len(rs.Rules) != len(f.Rules) || len(rs.Tables) != len(f.Tables) {
		return fmt.Errorf("%w: %d rules/%d tables emitted, %d/%d parsed back",
			ErrEmit, len(rs.Rules), len(rs.Tables), len(f.Rules), len(f.Tables))
	}
	for i, want := range rs.Rules {
		want = ExpandRule(want, f.Macros)
		got := f.Rules[i]
		want.Line, want.Comment = got.Line, ""
		if !reflect.DeepEqual(normal(want), normal(got)) {
			return fmt.Errorf("%w: rule %d %q parsed back as %q", ErrEmit, i+1, want.String(), got.String())
		}
	}
	return nil
}

// normal makes empty and nil slices compare equal.
func normal(r Rule) Rule {
	r.From, r.To = normalEndpoint(r.From), normalEndpoint(r.To)
	if len(r.On) == 0 {
		r.On = nil
	}
	if len(r.Proto) == 0 {
		r.Proto = nil
	}
	return r
}

func normalEndpoint(e Endpoint) Endpoint {
	if len(e.Hosts) == 0 {
		e.Hosts = nil
	}
	if len(e.Ports) == 0 {
		e.Ports = nil
	}
	return e
}
