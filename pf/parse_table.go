package pf

import "net/netip"

// tableFlags are the words allowed between a table's name and its list.
var tableFlags = map[string]bool{"const": true, "persist": true, "counters": true}

// table parses `table <name> [flags] { addr[/len] , ... }`.
func (p *parser) table() error {
	kw := p.take()
	if err := p.expect("<"); err != nil {
		return err
	}
	name, err := p.next()
	if err != nil {
		return err
	}
	if name.kind != tWord || reserved[name.text] {
		return lineErr(ErrSyntax, name.line, "invalid table name %q", name.text)
	}
	if err := p.expect(">"); err != nil {
		return err
	}
	t := Table{Name: name.text, Line: kw.line}
	for {
		f, err := p.peek()
		if err != nil {
			return err
		}
		if f.kind != tWord || !tableFlags[f.text] {
			break
		}
		t.Flags = append(t.Flags, p.take().text)
	}
	if t.Addrs, err = p.tableAddrs(); err != nil {
		return err
	}
	for _, old := range p.file.Tables {
		if old.Name == t.Name {
			return lineErr(ErrRule, kw.line, "table <%s> defined twice", t.Name)
		}
	}
	p.file.Tables = append(p.file.Tables, t)
	return p.endStatement()
}

// tableAddrs parses the { } list of literal addresses or prefixes. Tables
// may not hold ranges, (if) addresses or other tables.
func (p *parser) tableAddrs() ([]string, error) {
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	var addrs []string
	for {
		if ok, err := p.accept("}"); err != nil || ok {
			return addrs, err
		}
		if ok, err := p.accept(","); err != nil {
			return nil, err
		} else if ok {
			continue
		}
		a, err := p.address()
		if err != nil {
			return nil, err
		}
		if _, perr := netip.ParsePrefix(a); perr != nil {
			if _, aerr := netip.ParseAddr(a); aerr != nil {
				return nil, p.unexpected("table entry %q is not an address or prefix", a)
			}
		}
		addrs = append(addrs, a)
	}
}

// option parses `set name args...` keeping the arguments as words.
func (p *parser) option() error {
	kw := p.take()
	name, err := p.next()
	if err != nil {
		return err
	}
	if !knownOptions[name.text] {
		return lineErr(ErrSyntax, name.line, "unknown option %q", name.text)
	}
	o := Option{Name: name.text, Line: kw.line}
	for {
		t, err := p.peek()
		if err != nil {
			return err
		}
		if t.kind == tNL || t.kind == tEOF {
			break
		}
		o.Args = append(o.Args, p.take().text)
	}
	if len(o.Args) == 0 {
		return lineErr(ErrSyntax, kw.line, "set %s needs a value", o.Name)
	}
	p.file.Options = append(p.file.Options, o)
	return p.endStatement()
}

// knownOptions are the `set` options of pf.conf(5).
var knownOptions = map[string]bool{
	"skip": true, "block-policy": true, "state-policy": true, "limit": true,
	"timeout": true, "loginterface": true, "reassemble": true,
	"ruleset-optimization": true, "optimization": true, "syncookies": true,
	"hostid": true, "debug": true, "state-defaults": true, "fingerprints": true,
}
