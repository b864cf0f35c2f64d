package pf

// blockPolicies are the words allowed after `block`.
var blockPolicies = map[string]bool{
	"drop": true, "return": true, "return-rst": true, "return-icmp": true, "return-icmp6": true,
}

// rule parses: action [in|out] [log] [quick] [on if] [af] [proto p]
// fromto options, then applies the consistency checks.
func (p *parser) rule() error {
	kw := p.Take()
	r := Rule{Action: kw.Text, Line: kw.Line}
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
	return p.EndStatement()
}

func (p *parser) blockPolicy(r *Rule) error {
	if r.Action != "block" {
		return nil
	}
	t, err := p.Peek()
	if err == nil && t.Kind == tWord && blockPolicies[t.Text] {
		r.BlockPolicy = p.Take().Text
	}
	return err
}

func (p *parser) direction(r *Rule) error {
	t, err := p.Peek()
	if err == nil && t.Kind == tWord && (t.Text == "in" || t.Text == "out") {
		r.Dir = p.Take().Text
	}
	return err
}

// logQuick accepts log[(opts)] and quick in either order.
func (p *parser) logQuick(r *Rule) error {
	for {
		t, err := p.Peek()
		if err != nil || t.Kind != tWord {
			return err
		}
		switch {
		case t.Text == "quick" && !r.Quick:
			p.Take()
			r.Quick = true
		case t.Text == "log" && !r.Log:
			p.Take()
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
	if ok, err := p.Accept("("); err != nil || !ok {
		return err
	}
	for {
		t, err := p.Next()
		if err != nil {
			return err
		}
		if t.Kind == tNL || t.Kind == tEOF {
			return lineErr(ErrSyntax, t.Line, "unclosed (")
		}
		if t.Kind == tPunct && t.Text == ")" {
			return nil
		}
	}
}

func (p *parser) on(r *Rule) error {
	if ok, err := p.Accept("on"); err != nil || !ok {
		return err
	}
	if ok, err := p.Accept("{"); err != nil {
		return err
	} else if ok {
		for {
			if ok, err := p.Accept("}"); err != nil || ok {
				if len(r.On) == 0 && err == nil {
					return p.Unexpected("empty interface list")
				}
				return err
			}
			if ok, err := p.Accept(","); err != nil {
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
	neg, err := p.Accept("!")
	if err != nil {
		return err
	}
	t, err := p.Next()
	if err != nil {
		return err
	}
	if t.Kind != tWord || reserved[t.Text] {
		return lineErr(ErrSyntax, t.Line, "invalid interface %q", t.Text)
	}
	name := t.Text
	if neg {
		name = "!" + name
	}
	r.On = append(r.On, name)
	return nil
}

func (p *parser) af(r *Rule) error {
	t, err := p.Peek()
	if err == nil && t.Kind == tWord && (t.Text == "inet" || t.Text == "inet6") {
		r.AF = p.Take().Text
	}
	return err
}
