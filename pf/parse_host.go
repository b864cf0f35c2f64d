package pf

import (
	"strconv"
	"strings"
)

// address parses a literal or host name with an optional /len.
func (p *parser) address() (string, error) {
	t, err := p.next()
	if err != nil {
		return "", err
	}
	if t.kind != tWord {
		return "", lineErr(ErrSyntax, t.line, "expected an address, found %q", t.text)
	}
	if reserved[t.text] {
		return "", lineErr(ErrSyntax, t.line, "reserved word %q used as an address", t.text)
	}
	addr := t.text
	if ok, err := p.accept("/"); err != nil {
		return "", err
	} else if ok {
		n, err := p.next()
		if err != nil {
			return "", err
		}
		if v, cerr := strconv.Atoi(n.text); cerr != nil || v < 0 || v > 128 || n.kind != tWord {
			return "", lineErr(ErrSyntax, n.line, "invalid prefix length %q", n.text)
		}
		addr += "/" + n.text
	}
	return addr, nil
}

// hosts parses a host or a { } list of hosts.
func (p *parser) hosts() ([]Host, error) {
	if ok, err := p.accept("{"); err != nil {
		return nil, err
	} else if !ok {
		h, err := p.host()
		return []Host{h}, err
	}
	var hs []Host
	for {
		if ok, err := p.accept("}"); err != nil || ok {
			if len(hs) == 0 && err == nil {
				return nil, p.unexpected("empty host list")
			}
			return hs, err
		}
		if ok, err := p.accept(","); err != nil {
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
	if ok, err := p.accept("!"); err != nil {
		return h, err
	} else if ok {
		h.Not = true
	}
	t, err := p.peek()
	if err != nil {
		return h, err
	}
	switch {
	case t.kind == tWord && (t.text == "any" || t.text == "self" || t.text == "no-route" || t.text == "urpf-failed"):
		h.Addr = p.take().text
		return h, nil
	case t.kind == tPunct && t.text == "(":
		h.Addr, err = p.dynamic()
		return h, err
	case t.kind == tPunct && t.text == "<":
		h.Addr, err = p.tableRef()
		return h, err
	}
	h.Addr, err = p.address()
	return h, err
}

// dynamic parses (if[:modifier]).
func (p *parser) dynamic() (string, error) {
	p.take()
	t, err := p.next()
	if err != nil {
		return "", err
	}
	if t.kind != tWord || reserved[t.text] {
		return "", lineErr(ErrSyntax, t.line, "invalid interface %q in ( )", t.text)
	}
	if i := strings.IndexByte(t.text, ':'); i >= 0 {
		switch t.text[i+1:] {
		case "network", "broadcast", "peer", "0":
		default:
			return "", lineErr(ErrSyntax, t.line, "invalid interface modifier in %q", t.text)
		}
	}
	if err := p.expect(")"); err != nil {
		return "", err
	}
	return "(" + t.text + ")", nil
}

// tableRef parses <name>; our subset requires the table to be defined.
func (p *parser) tableRef() (string, error) {
	p.take()
	t, err := p.next()
	if err != nil {
		return "", err
	}
	if err := p.expect(">"); err != nil {
		return "", err
	}
	for _, tb := range p.file.Tables {
		if tb.Name == t.text {
			return "<" + t.text + ">", nil
		}
	}
	return "", lineErr(ErrRule, t.line, "table <%s> used before it is defined", t.text)
}

// ports parses the words after `port`: one item or a { } list.
func (p *parser) ports() ([]Port, error) {
	if ok, err := p.accept("{"); err != nil {
		return nil, err
	} else if !ok {
		pt, err := p.port()
		return []Port{pt}, err
	}
	var ps []Port
	for {
		if ok, err := p.accept("}"); err != nil || ok {
			if len(ps) == 0 && err == nil {
				return nil, p.unexpected("empty port list")
			}
			return ps, err
		}
		if ok, err := p.accept(","); err != nil {
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
