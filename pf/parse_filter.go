package pf

import "regexp"

var protoName = regexp.MustCompile(`^([a-z][a-z0-9-]*|[0-9]{1,3})$`)

func (p *parser) proto(r *Rule) error {
	if ok, err := p.accept("proto"); err != nil || !ok {
		return err
	}
	braced, err := p.accept("{")
	if err != nil {
		return err
	}
	for {
		if braced {
			if ok, err := p.accept("}"); err != nil || ok {
				if len(r.Proto) == 0 && err == nil {
					return p.unexpected("empty proto list")
				}
				return err
			}
			if ok, err := p.accept(","); err != nil {
				return err
			} else if ok {
				continue
			}
		}
		t, err := p.next()
		if err != nil {
			return err
		}
		if t.kind != tWord || !protoName.MatchString(t.text) || reserved[t.text] {
			return lineErr(ErrSyntax, t.line, "invalid protocol %q", t.text)
		}
		r.Proto = append(r.Proto, t.text)
		if !braced {
			return nil
		}
	}
}

// fromTo parses `all` or [from ...] [to ...].
func (p *parser) fromTo(r *Rule) error {
	if ok, err := p.accept("all"); err != nil || ok {
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
	if ok, err := p.accept(kw); err != nil || !ok {
		return e, err
	}
	t, err := p.peek()
	if err != nil {
		return e, err
	}
	if !(t.kind == tWord && t.text == "port") {
		if e.Hosts, err = p.hosts(); err != nil {
			return e, err
		}
	}
	if ok, err := p.accept("port"); err != nil {
		return e, err
	} else if ok {
		e.Ports, err = p.ports()
		return e, err
	}
	if len(e.Hosts) == 0 {
		return e, p.unexpected("expected a host or port after %q", kw)
	}
	return e, nil
}

// filterOpts parses the options after fromto up to the end of the line.
func (p *parser) filterOpts(r *Rule) error {
	for {
		t, err := p.peek()
		if err != nil {
			return err
		}
		if t.kind == tNL || t.kind == tEOF {
			return nil
		}
		if t.kind != tWord {
			return p.unexpected("expected a rule option")
		}
		if err := p.filterOpt(r, t); err != nil {
			return err
		}
	}
}

func (p *parser) filterOpt(r *Rule, t token) error {
	switch t.text {
	case "keep", "modulate", "synproxy", "no":
		return p.state(r)
	case "flags":
		return p.flags(r)
	case "nat-to", "rdr-to":
		return p.redirect(r)
	case "label":
		p.take()
		v, err := p.next()
		if err != nil {
			return err
		}
		if v.kind != tString && v.kind != tWord {
			return lineErr(ErrSyntax, v.line, "label needs a string")
		}
		r.Label = v.text
		return nil
	}
	return p.unexpected("unsupported rule option")
}

func (p *parser) state(r *Rule) error {
	kw := p.take()
	if r.State != "" {
		return lineErr(ErrRule, kw.line, "state specified more than once")
	}
	if err := p.expect("state"); err != nil {
		return err
	}
	r.State = kw.text + " state"
	if kw.text == "no" {
		return nil
	}
	return p.skipParens()
}

var tcpFlags = regexp.MustCompile(`^[FSRPAUEW]*$`)

// flags parses flags <a>/<b> or flags any.
func (p *parser) flags(r *Rule) error {
	p.take()
	if ok, err := p.accept("any"); err != nil || ok {
		r.Flags = "any"
		return err
	}
	a, err := p.next()
	if err != nil {
		return err
	}
	if err := p.expect("/"); err != nil {
		return err
	}
	b, err := p.next()
	if err != nil {
		return err
	}
	if a.kind != tWord || b.kind != tWord || !tcpFlags.MatchString(a.text) || !tcpFlags.MatchString(b.text) || b.text == "" {
		return lineErr(ErrSyntax, a.line, "invalid tcp flags %s/%s", a.text, b.text)
	}
	r.Flags = a.text + "/" + b.text
	return nil
}

func (p *parser) redirect(r *Rule) error {
	kw := p.take()
	rd := &Redirect{}
	var err error
	if rd.Hosts, err = p.hosts(); err != nil {
		return err
	}
	if ok, err := p.accept("port"); err != nil {
		return err
	} else if ok {
		if rd.Ports, err = p.ports(); err != nil {
			return err
		}
	}
	if kw.text == "nat-to" {
		if rd.StaticPort, err = p.accept("static-port"); err != nil {
			return err
		}
		if r.NatTo != nil {
			return lineErr(ErrRule, kw.line, "nat-to given twice")
		}
		r.NatTo = rd
		return nil
	}
	if r.RdrTo != nil {
		return lineErr(ErrRule, kw.line, "rdr-to given twice")
	}
	r.RdrTo = rd
	return nil
}
