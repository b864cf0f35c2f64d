package config

import (
	"slices"
	"strings"

	"github.com/gurkankaymak/hocon"
)

// schema is the set of keys a daemon reads. Patterns are dotted paths where
// "*" stands for any one segment; a pattern ending in ".**" covers a whole
// subtree. fold lists the prefixes under which the last segment is matched
// case-insensitively (jvb's xmpp-client entries).
type schema struct {
	supported []string
	ignored   []string // upstream keys this project accepts but does not use
	fold      []string
}

func (s schema) known(key string) bool { return s.supports(key) || s.ignores(key) }

func (s schema) supports(key string) bool {
	for _, p := range s.supported {
		if s.match(p, key) {
			return true
		}
	}
	return false
}

func (s schema) ignores(key string) bool {
	for _, p := range s.ignored {
		if s.match(p, key) {
			return true
		}
	}
	return false
}

func (s schema) match(pattern, key string) bool {
	ps, ks := strings.Split(pattern, "."), strings.Split(key, ".")
	if ps[len(ps)-1] == "**" {
		return len(ks) >= len(ps)-1 && s.matchSegs(ps[:len(ps)-1], ks[:len(ps)-1], key)
	}
	return len(ps) == len(ks) && s.matchSegs(ps, ks, key)
}

func (s schema) matchSegs(ps, ks []string, key string) bool {
	for i := range ps {
		if ps[i] == "*" || ps[i] == ks[i] {
			continue
		}
		if i == len(ks)-1 && s.folds(key) && strings.EqualFold(ps[i], ks[i]) {
			continue
		}
		return false
	}
	return true
}

func (s schema) folds(key string) bool {
	for _, f := range s.fold {
		if strings.HasPrefix(key, f) {
			return true
		}
	}
	return false
}

// check returns the warnings for the keys of d outside the schema: unknown
// keys, and upstream keys that are accepted but have no effect here.
func (s schema) check(d *Doc) []Warning {
	var out []Warning
	for _, w := range d.Unknown(s.supports) {
		if s.ignores(w.Key) {
			w.Msg = "upstream key not used by this implementation, ignored"
		}
		out = append(out, w)
	}
	return out
}

// Unknown returns a Warning, in file order, for every leaf key (a scalar, a
// list, or an empty object) that known does not accept. Lists are leaves:
// their elements are not checked. Unknown keys are never an error.
func (d *Doc) Unknown(known func(key string) bool) []Warning {
	var out []Warning
	d.walkLeaves("", func(key string) {
		if !known(key) {
			out = append(out, d.Warn(key, "unknown key, ignored"))
		}
	})
	slices.SortStableFunc(out, func(a, b Warning) int { return a.Line - b.Line })
	return out
}

// Leaves lists every leaf key (see Unknown) in file order.
func (d *Doc) Leaves() []string {
	var out []string
	d.walkLeaves("", func(key string) { out = append(out, key) })
	return out
}

func (d *Doc) walkLeaves(key string, fn func(string)) {
	v, ok := d.lookup(key)
	if !ok {
		return
	}
	obj, isObj := v.(hocon.Object)
	if !isObj || (len(obj) == 0 && key != "") {
		fn(key)
		return
	}
	for _, k := range d.Keys(key) {
		d.walkLeaves(join(key, k), fn)
	}
}
