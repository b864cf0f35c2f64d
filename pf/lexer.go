package pf

import (
	"strings"
)

// tokKind is the class of a lexer token.
type tokKind int

const (
	tEOF    tokKind = iota
	tNL             // end of statement
	tWord           // unquoted word (may be a keyword)
	tString         // quoted string: never a keyword
	tPunct          // one of (){}<>!=/,-*+ and the pairs != <= >= <> ><
)

// token is one lexeme with the line it started on.
type token struct {
	kind tokKind
	text string
	line int
}

// Limits that keep a hostile or self-referencing macro from running away.
const (
	maxExpansions = 1024
	maxInput      = 256 << 10
)

// lexer turns pf.conf text into tokens, expanding $macros as pfctl does:
// the macro's value is pushed back into the input and lexed again.
type lexer struct {
	src        []byte
	pos        int
	line       int
	macros     map[string]string
	used       map[string]bool
	expansions int
}

func newLexer(src []byte) *lexer {
	return &lexer{src: src, line: 1, macros: map[string]string{}, used: map[string]bool{}}
}

// startsWord is pfctl's test for the first byte of an unquoted word.
func startsWord(c byte) bool {
	return isAlnum(c) || c == ':' || c == '_'
}

// inWord is pfctl's allowed_in_string().
func inWord(c byte) bool {
	if isAlnum(c) {
		return true
	}
	return c > ' ' && c < 0x7f && !strings.ContainsRune("(){}<>!=/#,", rune(c))
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// next returns the next token or an error naming the line.
func (l *lexer) next() (token, error) {
	for {
		l.skipBlank()
		if l.pos >= len(l.src) {
			return token{kind: tEOF, line: l.line}, nil
		}
		c := l.src[l.pos]
		switch {
		case c == '\n':
			l.pos++
			l.line++
			return token{kind: tNL, text: "\n", line: l.line - 1}, nil
		case c == '"' || c == '\'':
			return l.quoted(c)
		case c == '$':
			if err := l.expand(); err != nil {
				return token{}, err
			}
			continue
		case startsWord(c):
			return l.word(), nil
		default:
			return l.punct(), nil
		}
	}
}

// skipBlank skips spaces, tabs, comments and backslash-newline pairs.
func (l *lexer) skipBlank() {
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

func (l *lexer) quoted(q byte) (token, error) {
	start := l.line
	l.pos++
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		l.pos++
		switch {
		case c == q:
			return token{kind: tString, text: b.String(), line: start}, nil
		case c == '\n':
			return token{}, lineErr(ErrSyntax, start, "unterminated quoted string")
		case c == '\\' && l.pos < len(l.src) && (l.src[l.pos] == q || l.src[l.pos] == '\\'):
			b.WriteByte(l.src[l.pos])
			l.pos++
		case c == '\\' && l.pos < len(l.src) && l.src[l.pos] == '\n':
			l.pos++
			l.line++
		default:
			b.WriteByte(c)
		}
	}
	return token{}, lineErr(ErrSyntax, start, "unterminated quoted string")
}

func (l *lexer) word() token {
	start := l.pos
	for l.pos < len(l.src) && inWord(l.src[l.pos]) {
		l.pos++
	}
	return token{kind: tWord, text: string(l.src[start:l.pos]), line: l.line}
}

func (l *lexer) punct() token {
	c := l.src[l.pos]
	l.pos++
	if l.pos < len(l.src) {
		pair := string([]byte{c, l.src[l.pos]})
		switch pair {
		case "!=", "<=", ">=", "<>", "><":
			l.pos++
			return token{kind: tPunct, text: pair, line: l.line}
		}
	}
	return token{kind: tPunct, text: string(c), line: l.line}
}

// expand replaces $name at l.pos by the macro's value.
func (l *lexer) expand() error {
	l.pos++
	start := l.pos
	for l.pos < len(l.src) && (isAlnum(l.src[l.pos]) || l.src[l.pos] == '_') {
		l.pos++
	}
	name := string(l.src[start:l.pos])
	if name == "" {
		return lineErr(ErrMacro, l.line, "'$' without a macro name")
	}
	val, ok := l.macros[name]
	if !ok {
		return lineErr(ErrMacro, l.line, "macro %q not defined", name)
	}
	l.used[name] = true
	l.expansions++
	if l.expansions > maxExpansions || len(l.src)+len(val) > maxInput {
		return lineErr(ErrMacro, l.line, "macro expansion runs away at $%s", name)
	}
	rest := append([]byte(" "+val+" "), l.src[l.pos:]...)
	l.src = append(l.src[:l.pos:l.pos], rest...)
	return nil
}
