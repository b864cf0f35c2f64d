package vmm

import (
	"regexp"

	"github.com/jitsi-go/jitsi-go/internal/bsdconf"
)

type parser struct {
	bsdconf.Reader
	file *File
}

var macroName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Parse parses vm.conf text and applies vmd's registration checks. It
// returns the first error, naming its line, and never panics.
func Parse(src []byte) (*File, error) {
	p := &parser{
		Reader: bsdconf.Reader{Lex: bsdconf.NewLexer(grammar, src)},
		file:   &File{Macros: map[string]string{}},
	}
	for {
		t, err := p.Peek()
		if err != nil {
			return nil, err
		}
		switch {
		case t.Kind == tEOF:
			return p.file, nil
		case t.Kind == tNL:
			p.Take()
		default:
			if err := p.statement(); err != nil {
				return nil, err
			}
		}
	}
}

func (p *parser) skipNL() error {
	for {
		t, err := p.Peek()
		if err != nil || t.Kind != tNL {
			return err
		}
		p.Take()
	}
}

// str parses vmd's `string: string STRING | STRING`: one or more adjacent
// quoted or unquoted non-keyword words, joined without a space.
func (p *parser) str(what string) (string, error) {
	var s string
	for n := 0; ; n++ {
		t, err := p.Peek()
		if err != nil {
			return "", err
		}
		if t.Kind == tString || t.Kind == tWord && !reserved[t.Text] {
			s += p.Take().Text
			continue
		}
		if n == 0 {
			if t.Kind == tWord {
				return "", lineErr(ErrSyntax, t.Line, "%s: reserved word %q must be quoted", what, t.Text)
			}
			return "", p.Unexpected("expected %s", what)
		}
		return s, nil
	}
}

// statement parses one top-level statement.
func (p *parser) statement() error {
	t, _ := p.Peek()
	switch {
	case t.Kind == tWord && t.Text == "vm":
		return p.vm()
	case t.Kind == tWord && t.Text == "local":
		return p.localPrefix()
	case t.Kind == tWord && reserved[t.Text]:
		return lineErr(ErrSyntax, t.Line, "%q statements are not in the emitted subset", t.Text)
	case t.Kind == tWord || t.Kind == tString:
		return p.macro()
	}
	return p.Unexpected("expected vm, local prefix or a macro")
}

func (p *parser) macro() error {
	name := p.Take()
	if !macroName.MatchString(name.Text) {
		return lineErr(ErrMacro, name.Line, "invalid macro name %q", name.Text)
	}
	if err := p.Expect("="); err != nil {
		return err
	}
	val, err := p.str("macro value")
	if err != nil {
		return err
	}
	p.file.Macros[name.Text] = val
	p.Lex.Macros[name.Text] = val
	return p.EndStatement()
}
