package pf

import "net/netip"

// tableFlags are the words allowed between a table's name and its list.
var tableFlags = map[string]bool{"const": true, "persist": true, "counters": true}

// table parses `table <name> [flags] { addr[/len] , ... }`.
func (p *parser) table() error {
	kw := p.Take()
	if err := p.Expect("<"); err != nil {
		return err
	}
	name, err := p.Next()
	if err != nil {
		return err
	}
	if name.Kind != tWord || reserved[name.Text] {
		return lineErr(ErrSyntax, name.Line, "invalid table name %q", name.Text)
	}
	if err := p.Expect(">"); err != nil {
		return err
	}
	t := Table{Name: name.Text, Line: kw.Line}
	for {
		f, err := p.Peek()
		if err != nil {
			return err
		}
		if f.Kind != tWord || !tableFlags[f.Text] {
			break
		}
		t.Flags = append(t.Flags, p.Take().Text)
	}
	if t.Addrs, err = p.tableAddrs(); err != nil {
		return err
	}
	for _, old := range p.file.Tables {
		if old.Name == t.Name {
			return lineErr(ErrRule, kw.Line, "table <%s> defined twice", t.Name)
		}
	}
	p.file.Tables = append(p.file.Tables, t)
	return p.EndStatement()
}

// tableAddrs parses the { } list of literal addresses or prefixes. Tables
// may not hold ranges, (if) addresses or other tables.
func (p *parser) tableAddrs() ([]string, error) {
	if err := p.Expect("{"); err != nil {
		return nil, err
	}
	var addrs []string
	for {
		if ok, err := p.Accept("}"); err != nil || ok {
			return addrs, err
		}
		if ok, err := p.Accept(","); err != nil {
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
				return nil, p.Unexpected("table entry %q is not an address or prefix", a)
			}
		}
		addrs = append(addrs, a)
	}
}

// option parses `set name args...` keeping the arguments as words.
func (p *parser) option() error {
	kw := p.Take()
	name, err := p.Next()
	if err != nil {
		return err
	}
	if !knownOptions[name.Text] {
		return lineErr(ErrSyntax, name.Line, "unknown option %q", name.Text)
	}
	o := Option{Name: name.Text, Line: kw.Line}
	for {
		t, err := p.Peek()
		if err != nil {
			return err
		}
		if t.Kind == tNL || t.Kind == tEOF {
			break
		}
		o.Args = append(o.Args, p.Take().Text)
	}
	if len(o.Args) == 0 {
		return lineErr(ErrSyntax, kw.Line, "set %s needs a value", o.Name)
	}
	p.file.Options = append(p.file.Options, o)
	return p.EndStatement()
}

// knownOptions are the `set` options of pf.conf(5).
var knownOptions = map[string]bool{
	"skip": true, "block-policy": true, "state-policy": true, "limit": true,
	"timeout": true, "loginterface": true, "reassemble": true,
	"ruleset-optimization": true, "optimization": true, "syncookies": true,
	"hostid": true, "debug": true, "state-defaults": true, "fingerprints": true,
}
