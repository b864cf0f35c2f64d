package pf

import "strings"

// String renders the rule as one pf.conf line (without newline).
func (r Rule) String() string {
	w := []string{r.Action}
	if r.BlockPolicy != "" {
		w = append(w, r.BlockPolicy)
	}
	if r.Dir != "" {
		w = append(w, r.Dir)
	}
	if r.Log {
		w = append(w, "log")
	}
	if r.Quick {
		w = append(w, "quick")
	}
	if len(r.On) > 0 {
		w = append(w, "on", list(strs(r.On)))
	}
	if r.AF != "" {
		w = append(w, r.AF)
	}
	if len(r.Proto) > 0 {
		w = append(w, "proto", list(strs(r.Proto)))
	}
	w = append(w, r.fromTo()...)
	w = append(w, r.options()...)
	line := strings.Join(w, " ")
	if r.Comment != "" {
		line += " # " + r.Comment
	}
	return line
}

func (r Rule) fromTo() []string {
	if r.All {
		return []string{"all"}
	}
	var w []string
	w = append(w, endpoint("from", r.From)...)
	w = append(w, endpoint("to", r.To)...)
	return w
}

func endpoint(kw string, e Endpoint) []string {
	if len(e.Hosts) == 0 && len(e.Ports) == 0 {
		return nil
	}
	w := []string{kw}
	if len(e.Hosts) > 0 {
		w = append(w, list(e.Hosts))
	}
	if len(e.Ports) > 0 {
		w = append(w, "port", list(e.Ports))
	}
	return w
}

func (r Rule) options() []string {
	var w []string
	if r.Flags != "" {
		w = append(w, "flags", r.Flags)
	}
	if r.State != "" {
		w = append(w, r.State)
	}
	w = append(w, redirect("nat-to", r.NatTo)...)
	w = append(w, redirect("rdr-to", r.RdrTo)...)
	if r.Label != "" {
		w = append(w, "label", quote(r.Label))
	}
	return w
}

func redirect(kw string, rd *Redirect) []string {
	if rd == nil {
		return nil
	}
	w := []string{kw, list(rd.Hosts)}
	if len(rd.Ports) > 0 {
		w = append(w, "port", list(rd.Ports))
	}
	if rd.StaticPort {
		w = append(w, "static-port")
	}
	return w
}

// String renders the table definition.
func (t Table) String() string {
	w := []string{"table", "<" + t.Name + ">"}
	w = append(w, t.Flags...)
	w = append(w, "{", strings.Join(t.Addrs, ", "), "}")
	return strings.Join(w, " ")
}

// String renders the option line.
func (o Option) String() string {
	return strings.Join(append([]string{"set", o.Name}, o.Args...), " ")
}

// String renders the macro definition with its value quoted.
func (m Macro) String() string {
	return m.Name + " = " + quote(m.Value)
}

// quote writes s in double quotes with the two escapes the lexer knows.
func quote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}
