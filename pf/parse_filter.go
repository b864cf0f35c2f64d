package pf

import "regexp"

var protoName = regexp.MustCompile(`^([a-z][a-z0-9-]*|[0-9]{1,3})$`)

func (p *parser) proto(r *Rule) error {
	if ok, err := p.Accept("proto"); err != nil || !ok {
		return err
	}
	braced, err := p.Accept("{")
	if err != nil {
		return err
	}
	for {
		if braced {
			if ok, err := p.Accept("}"); err != nil || ok {
				if len(r.Proto) == 0 && err == nil {
					return p.Unexpected("empty proto list")
				}
				return err
			}
			if ok, err := p.Accept(","); err != nil {
				return err
			} else if ok {
				continue
			}
		}
		t, err := p.Next()
		if err != nil {
			return err
		}
		if t.Kind != tWord || !protoName.MatchString(t.Text) || reserved[t.Text] {
			return lineErr(ErrSyntax, t.Line, "invalid protocol %q", t.Text)
		}
		r.Proto = append(r.Proto, t.Text)
		if !braced {
			return nil
		}
	}
}

// fromTo parses `all` or [from ...] [to ...].
func (p *parser) fromTo(r *Rule) error {
	if ok, err := p.Accept("all"); err != nil || ok {
		r.All = ok
		return err
	}
	var err error
	if r.From, err = p.endpoint("from"); err != nil {
		return err
	}
	r.To, err = p.endpoint("to")
	return err
}

// endpoint parses kw [hosts] [port ports]; kw absent gives a zero value.
func (p *parser) endpoint(kw string) (Endpoint, error) {
	var e Endpoint
	if ok, err := p.Accept(kw); err != nil || !ok {
		return e, err
	}
	t, err := p.Peek()
	if err != nil {
		return e, err
	}
	if !(t.Kind == tWord && t.Text == "port") {
		if e.Hosts, err = p.hosts(); err != nil {
			return e, err
		}
	}
	if ok, err := p.Accept("port"); err != nil {
		return e, err
	} else if ok {
		e.Ports, err = p.ports()
		return e, err
	}
	if len(e.Hosts) == 0 {
		return e, p.Unexpected("expected a host or port after %q", kw)
	}
	return e, nil
}

// filterOpts parses the options after fromto up to the end of the line.
func (p *parser) filterOpts(r *Rule) error {
	for {
		t, err := p.Peek()
		if err != nil {
			return err
		}
		if t.Kind == tNL || t.Kind == tEOF {
			return nil
		}
		if t.Kind != tWord {
			return p.Unexpected("expected a rule option")
		}
		if err := p.filterOpt(r, t); err != nil {
			return err
		}
	}
}

func (p *parser) filterOpt(r *Rule, t token) error {
	switch t.Text {
	case "keep", "modulate", "synproxy", "no":
		return p.state(r)
	case "flags":
		return p.flags(r)
	case "nat-to", "rdr-to":
		return p.redirect(r)
	case "label":
		p.Take()
		v, err := p.Next()
		if err != nil {
			return err
		}
		if v.Kind != tString && v.Kind != tWord {
			return lineErr(ErrSyntax, v.Line, "label needs a string")
		}
		r.Label = v.Text
		return nil
	}
	return p.Unexpected("unsupported rule option")
}

func (p *parser) state(r *Rule) error {
	kw := p.Take()
	if r.State != "" {
		return lineErr(ErrRule, kw.Line, "state specified more than once")
	}
	if err := p.Expect("state"); err != nil {
		return err
	}
	r.State = kw.Text + " state"
	if kw.Text == "no" {
		return nil
	}
	return p.skipParens()
}

var tcpFlags = regexp.MustCompile(`^[FSRPAUEW]*$`)

// flags parses flags <a>/<b> or flags any.
func (p *parser) flags(r *Rule) error {
	p.Take()
	if ok, err := p.Accept("any"); err != nil || ok {
		r.Flags = "any"
		return err
	}
	a, err := p.Next()
	if err != nil {
		return err
	}
	if err := p.Expect("/"); err != nil {
		return err
	}
	b, err := p.Next()
	if err != nil {
		return err
	}
	if a.Kind != tWord || b.Kind != tWord || !tcpFlags.MatchString(a.Text) || !tcpFlags.MatchString(b.Text) || b.Text == "" {
		return lineErr(ErrSyntax, a.Line, "invalid tcp flags %s/%s", a.Text, b.Text)
	}
	r.Flags = a.Text + "/" + b.Text
	return nil
}

func (p *parser) redirect(r *Rule) error {
	kw := p.Take()
	rd := &Redirect{}
	var err error
	if rd.Hosts, err = p.hosts(); err != nil {
		return err
	}
	if ok, err := p.Accept("port"); err != nil {
		return err
	} else if ok {
		if rd.Ports, err = p.ports(); err != nil {
			return err
		}
	}
	if kw.Text == "nat-to" {
		if rd.StaticPort, err = p.Accept("static-port"); err != nil {
			return err
		}
		if r.NatTo != nil {
			return lineErr(ErrRule, kw.Line, "nat-to given twice")
		}
		r.NatTo = rd
		return nil
	}
	if r.RdrTo != nil {
		return lineErr(ErrRule, kw.Line, "rdr-to given twice")
	}
	r.RdrTo = rd
	return nil
}
