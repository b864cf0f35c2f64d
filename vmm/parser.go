package vmm

import (
	"fmt"
	"regexp"
)

type parser struct {
	lx     *lexer
	tok    token
	filled bool
	file   *File
}

var macroName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Parse parses vm.conf text and applies vmd's registration checks. It
// returns the first error, naming its line, and never panics.
func Parse(src []byte) (*File, error) {
	p := &parser{
		lx:   &lexer{src: append([]byte(nil), src...), line: 1, macros: map[string]string{}},
		file: &File{Macros: map[string]string{}},
	}
	for {
		t, err := p.peek()
		if err != nil {
			return nil, err
		}
		switch {
		case t.kind == tEOF:
			return p.file, nil
		case t.kind == tNL:
			p.take()
		default:
			if err := p.statement(); err != nil {
				return nil, err
			}
		}
	}
}

func (p *parser) peek() (token, error) {
	if !p.filled {
		t, err := p.lx.next()
		if err != nil {
			return token{}, err
		}
		p.tok, p.filled = t, true
	}
	return p.tok, nil
}

func (p *parser) take() token {
	p.filled = false
	return p.tok
}

func (p *parser) next() (token, error) {
	if _, err := p.peek(); err != nil {
		return token{}, err
	}
	return p.take(), nil
}

// accept consumes the unquoted word or punct s if it comes next.
func (p *parser) accept(s string) (bool, error) {
	t, err := p.peek()
	if err != nil {
		return false, err
	}
	if (t.kind == tWord || t.kind == tPunct) && t.text == s {
		p.take()
		return true, nil
	}
	return false, nil
}

func (p *parser) expect(s string) error {
	if ok, err := p.accept(s); err != nil || ok {
		return err
	}
	return p.unexpected("expected %q", s)
}

func (p *parser) unexpected(format string, args ...any) error {
	t, _ := p.peek()
	what := fmt.Sprintf("%q", t.text)
	switch t.kind {
	case tEOF:
		what = "end of file"
	case tNL:
		what = "end of line"
	}
	return lineErr(ErrSyntax, t.line, "%s, found %s", fmt.Sprintf(format, args...), what)
}

func (p *parser) skipNL() error {
	for {
		t, err := p.peek()
		if err != nil || t.kind != tNL {
			return err
		}
		p.take()
	}
}

func (p *parser) endStatement() error {
	t, err := p.peek()
	if err != nil {
		return err
	}
	if t.kind != tNL && t.kind != tEOF {
		return p.unexpected("expected end of line")
	}
	p.take()
	return nil
}

// str parses vmd's `string: string STRING | STRING`: one or more adjacent
// quoted or unquoted non-keyword words, joined without a space.
func (p *parser) str(what string) (string, error) {
	var s string
	for n := 0; ; n++ {
		t, err := p.peek()
		if err != nil {
			return "", err
		}
		if t.kind == tString || t.kind == tWord && !reserved[t.text] {
			s += p.take().text
			continue
		}
		if n == 0 {
			if t.kind == tWord {
				return "", lineErr(ErrSyntax, t.line, "%s: reserved word %q must be quoted", what, t.text)
			}
			return "", p.unexpected("expected %s", what)
		}
		return s, nil
	}
}

// statement parses one top-level statement.
func (p *parser) statement() error {
	t, _ := p.peek()
	switch {
	case t.kind == tWord && t.text == "vm":
		return p.vm()
	case t.kind == tWord && t.text == "local":
		return p.localPrefix()
	case t.kind == tWord && reserved[t.text]:
		return lineErr(ErrSyntax, t.line, "%q statements are not in the emitted subset", t.text)
	case t.kind == tWord || t.kind == tString:
		return p.macro()
	}
	return p.unexpected("expected vm, local prefix or a macro")
}

func (p *parser) macro() error {
	name := p.take()
	if !macroName.MatchString(name.text) {
		return lineErr(ErrMacro, name.line, "invalid macro name %q", name.text)
	}
	if err := p.expect("="); err != nil {
		return err
	}
	val, err := p.str("macro value")
	if err != nil {
		return err
	}
	p.file.Macros[name.text] = val
	p.lx.macros[name.text] = val
	return p.endStatement()
}
