package pf

import (
	"regexp"

	"github.com/jitsi-go/jitsi-go/internal/bsdconf"
)

// parser reads statements from a lexer with one token of lookahead. The
// lookahead is never filled past a statement's newline, so a macro
// defined on one line is known when the next line is lexed.
type parser struct {
	bsdconf.Reader
	file *File
}

var macroName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Parse parses pf.conf text. It returns the first error, naming its line.
// Parse never panics, whatever the input.
func Parse(src []byte) (*File, error) {
	p := &parser{Reader: bsdconf.Reader{Lex: bsdconf.NewLexer(grammar, src), NewlinesInBraces: true},
		file: &File{Macros: map[string]string{}}}
	for {
		t, err := p.Peek()
		if err != nil {
			return nil, err
		}
		switch t.Kind {
		case tEOF:
			return p.file, nil
		case tNL:
			p.Take()
			continue
		}
		if err := p.statement(); err != nil {
			return nil, err
		}
	}
}

// statement dispatches on the first word.
func (p *parser) statement() error {
	t, _ := p.Peek()
	if t.Kind == tWord {
		switch t.Text {
		case "table":
			return p.table()
		case "set":
			return p.option()
		case "pass", "block", "match":
			return p.rule()
		}
		if !reserved[t.Text] {
			return p.macro()
		}
	}
	return p.Unexpected("expected a macro, table, set or rule")
}

// macro parses `name = value...`; value parts are joined by one space.
func (p *parser) macro() error {
	name := p.Take()
	if !macroName.MatchString(name.Text) {
		return lineErr(ErrMacro, name.Line, "invalid macro name %q", name.Text)
	}
	if err := p.Expect("="); err != nil {
		return err
	}
	var val string
	for {
		t, err := p.Peek()
		if err != nil {
			return err
		}
		if t.Kind == tNL || t.Kind == tEOF {
			break
		}
		if t.Kind == tPunct {
			return p.Unexpected("macro %s: value must be words or quoted strings", name.Text)
		}
		if t.Kind == tWord && reserved[t.Text] {
			return lineErr(ErrMacro, t.Line, "macro %s: reserved word %q in value must be quoted", name.Text, t.Text)
		}
		if val != "" {
			val += " "
		}
		val += p.Take().Text
	}
	if val == "" {
		return lineErr(ErrMacro, name.Line, "macro %s has no value", name.Text)
	}
	p.file.Macros[name.Text] = val
	p.Lex.Macros[name.Text] = val
	return p.EndStatement()
}
