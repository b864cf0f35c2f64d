package pf

// blockPolicies are the words allowed after `block`.
var blockPolicies = map[string]bool{
	"drop": true, "return": true, "return-rst": true, "return-icmp": true, "return-icmp6": true,
}

// rule parses: action [in|out] [log] [quick] [on if] [af] [proto p]
// fromto options, then applies the consistency checks.
func (p *parser) rule() error {
	kw := p.take()
	r := Rule{Action: kw.text, Line: kw.line}
	steps := []func(*Rule) error{p.blockPolicy, p.direction, p.logQuick, p.on, p.af, p.proto, p.fromTo, p.filterOpts}
	for _, step := range steps {
		if err := step(&r); err != nil {
			return err
		}
	}
	if err := checkRule(r); err != nil {
		return err
	}
	p.file.Rules = append(p.file.Rules, r)
	return p.endStatement()
}

func (p *parser) blockPolicy(r *Rule) error {
	if r.Action != "block" {
		return nil
	}
	t, err := p.peek()
	if err == nil && t.kind == tWord && blockPolicies[t.text] {
		r.BlockPolicy = p.take().text
	}
	return err
}

func (p *parser) direction(r *Rule) error {
	t, err := p.peek()
	if err == nil && t.kind == tWord && (t.text == "in" || t.text == "out") {
		r.Dir = p.take().text
	}
	return err
}

// logQuick accepts log[(opts)] and quick in either order.
func (p *parser) logQuick(r *Rule) error {
	for {
		t, err := p.peek()
		if err != nil || t.kind != tWord {
			return err
		}
		switch {
		case t.text == "quick" && !r.Quick:
			p.take()
			r.Quick = true
		case t.text == "log" && !r.Log:
			p.take()
			r.Log = true
			if err := p.skipParens(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
}

// skipParens skips an optional ( ... ) group on one line.
func (p *parser) skipParens() error {
	if ok, err := p.accept("("); err != nil || !ok {
		return err
	}
	for {
		t, err := p.next()
		if err != nil {
			return err
		}
		if t.kind == tNL || t.kind == tEOF {
			return lineErr(ErrSyntax, t.line, "unclosed (")
		}
		if t.kind == tPunct && t.text == ")" {
			return nil
		}
	}
}

func (p *parser) on(r *Rule) error {
	if ok, err := p.accept("on"); err != nil || !ok {
		return err
	}
	if ok, err := p.accept("{"); err != nil {
		return err
	} else if ok {
		for {
			if ok, err := p.accept("}"); err != nil || ok {
				if len(r.On) == 0 && err == nil {
					return p.unexpected("empty interface list")
				}
				return err
			}
			if ok, err := p.accept(","); err != nil {
				return err
			} else if !ok {
				if err := p.iface(r); err != nil {
					return err
				}
			}
		}
	}
	return p.iface(r)
}

func (p *parser) iface(r *Rule) error {
	neg, err := p.accept("!")
	if err != nil {
		return err
	}
	t, err := p.next()
	if err != nil {
		return err
	}
	if t.kind != tWord || reserved[t.text] {
		return lineErr(ErrSyntax, t.line, "invalid interface %q", t.text)
	}
	name := t.text
	if neg {
		name = "!" + name
	}
	r.On = append(r.On, name)
	return nil
}

func (p *parser) af(r *Rule) error {
	t, err := p.peek()
	if err == nil && t.kind == tWord && (t.text == "inet" || t.text == "inet6") {
		r.AF = p.take().text
	}
	return err
}
