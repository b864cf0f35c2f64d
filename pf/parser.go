package pf

import (
	"fmt"
	"regexp"
)

// parser reads statements from a lexer with one token of lookahead. The
// lookahead is never filled past a statement's newline, so a macro
// defined on one line is known when the next line is lexed.
type parser struct {
	lx     *lexer
	tok    token
	filled bool
	braces int // depth of { } lists: newlines inside are skipped
	file   *File
}

var macroName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Parse parses pf.conf text. It returns the first error, naming its line.
// Parse never panics, whatever the input.
func Parse(src []byte) (*File, error) {
	p := &parser{lx: newLexer(append([]byte(nil), src...)), file: &File{Macros: map[string]string{}}}
	for {
		t, err := p.peek()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case tEOF:
			return p.file, nil
		case tNL:
			p.take()
			continue
		}
		if err := p.statement(); err != nil {
			return nil, err
		}
	}
}

func (p *parser) peek() (token, error) {
	for !p.filled {
		t, err := p.lx.next()
		if err != nil {
			return token{}, err
		}
		if t.kind == tNL && p.braces > 0 {
			continue
		}
		p.tok, p.filled = t, true
	}
	return p.tok, nil
}

func (p *parser) take() token {
	p.filled = false
	t := p.tok
	if t.kind == tPunct && t.text == "{" {
		p.braces++
	}
	if t.kind == tPunct && t.text == "}" && p.braces > 0 {
		p.braces--
	}
	return t
}

// next consumes and returns the next token.
func (p *parser) next() (token, error) {
	if _, err := p.peek(); err != nil {
		return token{}, err
	}
	return p.take(), nil
}

// accept consumes the next token if it is the unquoted word or punct s.
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
	ok, err := p.accept(s)
	if err != nil {
		return err
	}
	if !ok {
		return p.unexpected("expected %q", s)
	}
	return nil
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

// endStatement requires a newline or end of file.
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

// statement dispatches on the first word.
func (p *parser) statement() error {
	t, _ := p.peek()
	if t.kind == tWord {
		switch t.text {
		case "table":
			return p.table()
		case "set":
			return p.option()
		case "pass", "block", "match":
			return p.rule()
		}
		if !reserved[t.text] {
			return p.macro()
		}
	}
	return p.unexpected("expected a macro, table, set or rule")
}

// macro parses `name = value...`; value parts are joined by one space.
func (p *parser) macro() error {
	name := p.take()
	if !macroName.MatchString(name.text) {
		return lineErr(ErrMacro, name.line, "invalid macro name %q", name.text)
	}
	if err := p.expect("="); err != nil {
		return err
	}
	var val string
	for {
		t, err := p.peek()
		if err != nil {
			return err
		}
		if t.kind == tNL || t.kind == tEOF {
			break
		}
		if t.kind == tPunct {
			return p.unexpected("macro %s: value must be words or quoted strings", name.text)
		}
		if t.kind == tWord && reserved[t.text] {
			return lineErr(ErrMacro, t.line, "macro %s: reserved word %q in value must be quoted", name.text, t.text)
		}
		if val != "" {
			val += " "
		}
		val += p.take().text
	}
	if val == "" {
		return lineErr(ErrMacro, name.line, "macro %s has no value", name.text)
	}
	p.file.Macros[name.text] = val
	p.lx.macros[name.text] = val
	return p.endStatement()
}
