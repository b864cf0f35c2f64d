package pf

import (
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/bsdconf"
)

// ExpandRule replaces host addresses of the form $name by the macro's
// value (one address, or several for a "{ a b }" list), as the lexer would. Tests and
// consistency checks use it to compare a model rule with parsed rules.
func ExpandRule(r Rule, macros map[string]string) Rule {
	if r.On != nil {
		on := make([]string, len(r.On))
		for i, o := range r.On {
			on[i] = expandWord(o, macros)
		}
		r.On = on
	}
	r.From.Hosts = expandHosts(r.From.Hosts, macros)
	r.To.Hosts = expandHosts(r.To.Hosts, macros)
	if r.NatTo != nil {
		n := *r.NatTo
		n.Hosts = expandHosts(n.Hosts, macros)
		r.NatTo = &n
	}
	if r.RdrTo != nil {
		n := *r.RdrTo
		n.Hosts = expandHosts(n.Hosts, macros)
		r.RdrTo = &n
	}
	return r
}

func expandHosts(hs []Host, macros map[string]string) []Host {
	return expandDepth(hs, macros, 8)
}

// expandDepth expands nested macro references up to depth levels.
func expandDepth(hs []Host, macros map[string]string, depth int) []Host {
	if hs == nil || depth == 0 {
		return hs
	}
	out := make([]Host, 0, len(hs))
	for _, h := range hs {
		name, ok := strings.CutPrefix(h.Addr, "$")
		v, defined := macros[name]
		if !ok || !defined {
			h.Addr = expandWord(h.Addr, macros)
			out = append(out, h)
			continue
		}
		words := listWords(v)
		if len(words) > 1 && h.Not {
			out = append(out, h) // pfctl negates each: leave for the parser to judge
			continue
		}
		var inner []Host
		for _, w := range words {
			inner = append(inner, Host{Not: h.Not, Addr: w})
		}
		out = append(out, expandDepth(inner, macros, depth-1)...)
	}
	return out
}

// listWords splits a macro value "{ a b, c }" or "a" into its words.
func listWords(v string) []string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "{") && strings.HasSuffix(v, "}") {
		v = v[1 : len(v)-1]
	}
	return strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
}

// expandWord replaces $name inside a word such as "($ext_if)" or
// "!$ext_if" by a single-word macro value.
func expandWord(w string, macros map[string]string) string {
	i := strings.IndexByte(w, '$')
	if i < 0 {
		return w
	}
	j := i + 1
	for j < len(w) && (bsdconf.IsAlnum(w[j]) || w[j] == '_') {
		j++
	}
	v, ok := macros[w[i+1:j]]
	if !ok || strings.ContainsAny(v, " {}") {
		return w
	}
	return w[:i] + v + expandWord(w[j:], macros)
}
