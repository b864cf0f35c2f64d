package bsdconf

import "fmt"

// Reader gives a parser one token of lookahead. The lookahead is never
// filled past a statement's newline, so a macro defined on one line is known
// when the next line is lexed.
type Reader struct {
	Lex *Lexer
	// NewlinesInBraces skips newlines inside { } lists (pf.conf); vm.conf
	// blocks keep them as statement ends.
	NewlinesInBraces bool

	tok    Token
	filled bool
	braces int
}

// Peek returns the next token without consuming it.
func (r *Reader) Peek() (Token, error) {
	for !r.filled {
		t, err := r.Lex.Next()
		if err != nil {
			return Token{}, err
		}
		if r.NewlinesInBraces && t.Kind == NL && r.braces > 0 {
			continue
		}
		r.tok, r.filled = t, true
	}
	return r.tok, nil
}

// Take consumes the token Peek returned.
func (r *Reader) Take() Token {
	r.filled = false
	t := r.tok
	if t.Kind == Punct && t.Text == "{" {
		r.braces++
	}
	if t.Kind == Punct && t.Text == "}" && r.braces > 0 {
		r.braces--
	}
	return t
}

// Next consumes and returns the next token.
func (r *Reader) Next() (Token, error) {
	if _, err := r.Peek(); err != nil {
		return Token{}, err
	}
	return r.Take(), nil
}

// Accept consumes the next token if it is the unquoted word or punct s.
func (r *Reader) Accept(s string) (bool, error) {
	t, err := r.Peek()
	if err != nil {
		return false, err
	}
	if (t.Kind == Word || t.Kind == Punct) && t.Text == s {
		r.Take()
		return true, nil
	}
	return false, nil
}

// Expect consumes s or returns a syntax error naming what came instead.
func (r *Reader) Expect(s string) error {
	if ok, err := r.Accept(s); err != nil || ok {
		return err
	}
	return r.Unexpected("expected %q", s)
}

// Unexpected is a syntax error at the next token: "<what was wanted>, found
// <token>".
func (r *Reader) Unexpected(format string, args ...any) error {
	t, _ := r.Peek()
	what := fmt.Sprintf("%q", t.Text)
	switch t.Kind {
	case EOF:
		what = "end of file"
	case NL:
		what = "end of line"
	}
	return LineErr(r.Lex.g.Syntax, t.Line, "%s, found %s", fmt.Sprintf(format, args...), what)
}

// EndStatement requires a newline or end of file and consumes it.
func (r *Reader) EndStatement() error {
	t, err := r.Peek()
	if err != nil {
		return err
	}
	if t.Kind != NL && t.Kind != EOF {
		return r.Unexpected("expected end of line")
	}
	r.Take()
	return nil
}
