// Package bsdconf is the lexer and one-token-lookahead reader shared by the
// pf.conf and vm.conf parsers: both follow the same OpenBSD parse.y
// conventions (newline-terminated statements, '#' comments, backslash-newline
// continuation, "…" and '…' strings, $macros expanded by pushing their value
// back into the input). Each grammar supplies only what differs: which bytes
// make up an unquoted word, what a backslash escapes inside quotes, its
// two-byte punctuation, and its own error sentinels.
package bsdconf

import (
	"fmt"
	"strings"
)

// Kind is the class of a token.
type Kind int

// Token classes.
const (
	EOF    Kind = iota
	NL          // end of statement
	Word        // unquoted word (may be a keyword)
	String      // quoted string: never a keyword
	Punct       // anything else, one byte or one of Grammar.Pairs
)

// Token is one lexeme with the line it started on.
type Token struct {
	Kind Kind
	Text string
	Line int
}

// Grammar is what one configuration language adds to the shared rules.
type Grammar struct {
	StartsWord, InWord func(c byte) bool
	// QuoteEscapes lists what a backslash escapes inside quotes besides the
	// quote character itself.
	QuoteEscapes string
	// Pairs are two-byte punctuation tokens ("!=", "<=" …).
	Pairs []string
	// Syntax and Macro are the sentinels errors wrap.
	Syntax, Macro error
}

// Limits that keep a hostile or self-referencing macro from running away.
const (
	maxExpansions = 1024
	maxInput      = 256 << 10
)

// Lexer turns text into tokens. Macros holds the macros defined so far; Used
// records which were expanded.
type Lexer struct {
	g          *Grammar
	src        []byte
	pos, line  int
	Macros     map[string]string
	Used       map[string]bool
	expansions int
}

// NewLexer returns a lexer over a private copy of src.
func NewLexer(g *Grammar, src []byte) *Lexer {
	return &Lexer{g: g, src: append([]byte(nil), src...), line: 1,
		Macros: map[string]string{}, Used: map[string]bool{}}
}

// LineErr wraps a sentinel with the 1-based line number.
func LineErr(sentinel error, line int, format string, args ...any) error {
	return fmt.Errorf("%w: line %d: %s", sentinel, line, fmt.Sprintf(format, args...))
}

// IsAlnum reports an ASCII letter or digit.
func IsAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Next returns the next token or an error naming the line.
func (l *Lexer) Next() (Token, error) {
	for {
		l.skipBlank()
		if l.pos >= len(l.src) {
			return Token{Kind: EOF, Line: l.line}, nil
		}
		c := l.src[l.pos]
		switch {
		case c == '\n':
			l.pos++
			l.line++
			return Token{Kind: NL, Text: "\n", Line: l.line - 1}, nil
		case c == '"' || c == '\'':
			return l.quoted(c)
		case c == '$':
			if err := l.expand(); err != nil {
				return Token{}, err
			}
		case l.g.StartsWord(c):
			start := l.pos
			for l.pos < len(l.src) && l.g.InWord(l.src[l.pos]) {
				l.pos++
			}
			return Token{Kind: Word, Text: string(l.src[start:l.pos]), Line: l.line}, nil
		default:
			return l.punct(), nil
		}
	}
}

// skipBlank skips spaces, tabs, comments and backslash-newline pairs.
func (l *Lexer) skipBlank() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			l.pos++
		case c == '\\' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '\n':
			l.pos += 2
			l.line++
		case c == '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		default:
			return
		}
	}
}

func (l *Lexer) quoted(q byte) (Token, error) {
	start := l.line
	l.pos++
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		l.pos++
		switch {
		case c == q:
			return Token{Kind: String, Text: b.String(), Line: start}, nil
		case c == '\n':
			return Token{}, LineErr(l.g.Syntax, start, "unterminated quoted string")
		case c == '\\' && l.pos < len(l.src) && (l.src[l.pos] == q || strings.IndexByte(l.g.QuoteEscapes, l.src[l.pos]) >= 0):
			b.WriteByte(l.src[l.pos])
			l.pos++
		case c == '\\' && l.pos < len(l.src) && l.src[l.pos] == '\n':
			l.pos++
			l.line++
		default:
			b.WriteByte(c)
		}
	}
	return Token{}, LineErr(l.g.Syntax, start, "unterminated quoted string")
}

func (l *Lexer) punct() Token {
	c := l.src[l.pos]
	l.pos++
	if l.pos < len(l.src) {
		pair := string([]byte{c, l.src[l.pos]})
		for _, p := range l.g.Pairs {
			if p == pair {
				l.pos++
				return Token{Kind: Punct, Text: pair, Line: l.line}
			}
		}
	}
	return Token{Kind: Punct, Text: string(c), Line: l.line}
}

// expand replaces $name at l.pos by the macro's value.
func (l *Lexer) expand() error {
	l.pos++
	start := l.pos
	for l.pos < len(l.src) && (IsAlnum(l.src[l.pos]) || l.src[l.pos] == '_') {
		l.pos++
	}
	name := string(l.src[start:l.pos])
	if name == "" {
		return LineErr(l.g.Macro, l.line, "'$' without a macro name")
	}
	val, ok := l.Macros[name]
	if !ok {
		return LineErr(l.g.Macro, l.line, "macro %q not defined", name)
	}
	l.Used[name] = true
	l.expansions++
	if l.expansions > maxExpansions || len(l.src)+len(val) > maxInput {
		return LineErr(l.g.Macro, l.line, "macro expansion runs away at $%s", name)
	}
	rest := append([]byte(" "+val+" "), l.src[l.pos:]...)
	l.src = append(l.src[:l.pos:l.pos], rest...)
	return nil
}
