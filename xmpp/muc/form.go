package muc

import (
	"sort"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// formField is one field of a XEP-0004 data form.
type formField struct {
	Var, Type string
	Values    []string
}

// parseForm reads the fields of a jabber:x:data form, in order.
func parseForm(x *xmpp.Element) []formField {
	var out []formField
	for _, f := range x.Children() {
		if f.Local != "field" || f.Get("var") == "" {
			continue
		}
		ff := formField{Var: f.Get("var"), Type: f.Get("type")}
		for _, v := range f.Children() {
			if v.Local == "value" {
				ff.Values = append(ff.Values, v.Text())
			}
		}
		out = append(out, ff)
	}
	return out
}

// findForm returns the data form inside parent whose FORM_TYPE is formType
// ("" accepts the first form).
func findForm(parent *xmpp.Element, formType string) *xmpp.Element {
	for _, x := range parent.Children() {
		if !x.Is(xmpp.NSData, "x") {
			continue
		}
		if formType == "" {
			return x
		}
		for _, f := range parseForm(x) {
			if f.Var == "FORM_TYPE" && len(f.Values) > 0 && f.Values[0] == formType {
				return x
			}
		}
	}
	return nil
}

// submitForm builds the submit form: every field of the offered form keeps
// its values unless set overrides them; fields of set the form lacks are
// appended in name order. Fixed fields are not submitted.
func submitForm(offered []formField, set map[string][]string) *xmpp.Element {
	x := xmpp.NewElement(xmpp.NSData, "x", "type", "submit")
	seen := map[string]bool{}
	for _, f := range offered {
		if f.Type == "fixed" {
			continue
		}
		seen[f.Var] = true
		vals := f.Values
		if v, ok := set[f.Var]; ok {
			vals = v
		}
		x.Add(field(f.Var, vals))
	}
	extra := make([]string, 0, len(set))
	for k := range set {
		if !seen[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		x.Add(field(k, set[k]))
	}
	return x
}

func field(name string, values []string) *xmpp.Element {
	f := xmpp.NewElement(xmpp.NSData, "field", "var", name)
	for _, v := range values {
		f.Add(xmpp.NewElement(xmpp.NSData, "value").AddText(v))
	}
	return f
}
