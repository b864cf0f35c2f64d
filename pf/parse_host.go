package pf

import (
	"strconv"
	"strings"
)

// address parses a literal or host name with an optional /len.
func (p *parser) address() (string, error) {
	t, err := p.Next()
	if err != nil {
		return "", err
	}
	if t.Kind != tWord {
		return "", lineErr(ErrSyntax, t.Line, "expected an address, found %q", t.Text)
	}
	if reserved[t.Text] {
		return "", lineErr(ErrSyntax, t.Line, "reserved word %q used as an address", t.Text)
	}
	addr := t.Text
	if ok, err := p.Accept("/"); err != nil {
		return "", err
	} else if ok {
		n, err := p.Next()
		if err != nil {
			return "", err
		}
		if v, cerr := strconv.Atoi(n.Text); cerr != nil || v < 0 || v > 128 || n.Kind != tWord {
			return "", lineErr(ErrSyntax, n.Line, "invalid prefix length %q", n.Text)
		}
		addr += "/" + n.Text
	}
	return addr, nil
}

// hosts parses a host or a { } list of hosts.
func (p *parser) hosts() ([]Host, error) {
	if ok, err := p.Accept("{"); err != nil {
		return nil, err
	} else if !ok {
		h, err := p.host()
		return []Host{h}, err
	}
	var hs []Host
	for {
		if ok, err := p.Accept("}"); err != nil || ok {
			if len(hs) == 0 && err == nil {
				return nil, p.Unexpected("empty host list")
			}
			return hs, err
		}
		if ok, err := p.Accept(","); err != nil {
			return nil, err
		} else if ok {
			continue
		}
		h, err := p.host()
		if err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
}

// host parses one host: [!] any | self | no-route | urpf-failed | (if) |
// <table> | address[/len].
func (p *parser) host() (Host, error) {
	var h Host
	if ok, err := p.Accept("!"); err != nil {
		return h, err
	} else if ok {
		h.Not = true
	}
	t, err := p.Peek()
	if err != nil {
		return h, err
	}
	switch {
	case t.Kind == tWord && (t.Text == "any" || t.Text == "self" || t.Text == "no-route" || t.Text == "urpf-failed"):
		h.Addr = p.Take().Text
		return h, nil
	case t.Kind == tPunct && t.Text == "(":
		h.Addr, err = p.dynamic()
		return h, err
	case t.Kind == tPunct && t.Text == "<":
		h.Addr, err = p.tableRef()
		return h, err
	}
	h.Addr, err = p.address()
	return h, err
}

// dynamic parses (if[:modifier]).
func (p *parser) dynamic() (string, error) {
	p.Take()
	t, err := p.Next()
	if err != nil {
		return "", err
	}
	if t.Kind != tWord || reserved[t.Text] {
		return "", lineErr(ErrSyntax, t.Line, "invalid interface %q in ( )", t.Text)
	}
	if i := strings.IndexByte(t.Text, ':'); i >= 0 {
		switch t.Text[i+1:] {
		case "network", "broadcast", "peer", "0":
		default:
			return "", lineErr(ErrSyntax, t.Line, "invalid interface modifier in %q", t.Text)
		}
	}
	if err := p.Expect(")"); err != nil {
		return "", err
	}
	return "(" + t.Text + ")", nil
}

// tableRef parses <name>; our subset requires the table to be defined.
func (p *parser) tableRef() (string, error) {
	p.Take()
	t, err := p.Next()
	if err != nil {
		return "", err
	}
	if err := p.Expect(">"); err != nil {
		return "", err
	}
	for _, tb := range p.file.Tables {
		if tb.Name == t.Text {
			return "<" + t.Text + ">", nil
		}
	}
	return "", lineErr(ErrRule, t.Line, "table <%s> used before it is defined", t.Text)
}

// ports parses the words after `port`: one item or a { } list.
func (p *parser) ports() ([]Port, error) {
	if ok, err := p.Accept("{"); err != nil {
		return nil, err
	} else if !ok {
		pt, err := p.port()
		return []Port{pt}, err
	}
	var ps []Port
	for {
		if ok, err := p.Accept("}"); err != nil || ok {
			if len(ps) == 0 && err == nil {
				return nil, p.Unexpected("empty port list")
			}
			return ps, err
		}
		if ok, err := p.Accept(","); err != nil {
			return nil, err
		} else if ok {
			continue
		}
		pt, err := p.port()
		if err != nil {
			return nil, err
		}
		ps = append(ps, pt)
	}
}
