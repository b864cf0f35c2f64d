package config

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a HOCON token seen by the position scanner.
type tokKind int

const (
	tkEOF tokKind = iota
	tkNL
	tkLBrace
	tkRBrace
	tkLBrack
	tkRBrack
	tkComma
	tkSep    // '=' or ':'
	tkPlusEq // "+="
	tkText   // unquoted text
	tkString // "quoted", decoded
	tkTriple // """triple-quoted""", raw content
	tkSubst  // ${path} or ${?path}
)

// token is one lexeme with its start position and, for text-like kinds, its
// value. space reports whether whitespace preceded it on the same line.
type token struct {
	kind      tokKind
	val       string
	line, col int
	off, end  int // byte offsets of the token in the source
}

// lexer splits HOCON text into tokens, skipping spaces and comments. It only
// does what the position index needs; values come from the hocon library.
type lexer struct {
	file      string
	src       string
	off       int
	line, col int
}

func newLexer(file string, src []byte) *lexer {
	return &lexer{file: file, src: string(src), line: 1, col: 1}
}

// advance moves past n bytes, keeping line and column (in runes) current.
func (l *lexer) advance(n int) {
	for i := 0; i < n && l.off < len(l.src); i++ {
		c := l.src[l.off]
		l.off++
		switch {
		case c == '\n':
			l.line, l.col = l.line+1, 1
		case c&0xC0 != 0x80:
			l.col++
		}
	}
}

func (l *lexer) errAt(line, col int, format string, args ...any) *Error {
	return syntaxErr(l.file, line, col, format, args...)
}

// forbidden lists the characters HOCON does not allow in unquoted text.
const forbidden = "$\"{}[]:=,+#`^?!@*&\\"

// next returns the next token or a syntax error naming its position.
func (l *lexer) next() (token, *Error) {
	t, err := l.scan()
	t.end = l.off
	return t, err
}

func (l *lexer) scan() (token, *Error) {
	l.skipSpace()
	t := token{line: l.line, col: l.col, off: l.off}
	if l.off >= len(l.src) {
		return t, nil
	}
	rest := l.src[l.off:]
	if k, ok := singleTok(rest[0]); ok {
		t.kind, t.val = k, rest[:1]
		l.advance(1)
		return t, nil
	}
	switch {
	case strings.HasPrefix(rest, "+="):
		t.kind = tkPlusEq
		l.advance(2)
		return t, nil
	case strings.HasPrefix(rest, `"""`):
		return l.triple(t)
	case rest[0] == '"':
		return l.quoted(t)
	case strings.HasPrefix(rest, "${"):
		return l.subst(t)
	}
	return l.text(t)
}

// skipSpace skips blanks and comments, but not newlines.
func (l *lexer) skipSpace() {
	for l.off < len(l.src) {
		rest := l.src[l.off:]
		switch {
		case rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\r' || rest[0] == '\f' || rest[0] == '\v':
			l.advance(1)
		case rest[0] == '#' || strings.HasPrefix(rest, "//"):
			n := strings.IndexByte(rest, '\n')
			if n < 0 {
				n = len(rest)
			}
			l.advance(n)
		case strings.HasPrefix(rest, "\u00a0"):
			l.advance(len("\u00a0"))
		case strings.HasPrefix(rest, "\ufeff"):
			l.advance(len("\ufeff"))
		default:
			return
		}
	}
}

func (l *lexer) triple(t token) (token, *Error) {
	rest := l.src[l.off+3:]
	end := strings.Index(rest, `"""`)
	if end < 0 {
		return t, l.errAt(t.line, t.col, "unclosed triple-quoted string")
	}
	for end+3 < len(rest) && rest[end+3] == '"' { // extra quotes belong to the content
		end++
	}
	t.kind, t.val = tkTriple, rest[:end]
	l.advance(3 + end + 3)
	return t, nil
}

func (l *lexer) quoted(t token) (token, *Error) {
	var b strings.Builder
	l.advance(1)
	for l.off < len(l.src) {
		c := l.src[l.off]
		switch {
		case c == '"':
			l.advance(1)
			t.kind, t.val = tkString, b.String()
			return t, nil
		case c == '\n':
			return t, l.errAt(t.line, t.col, "unclosed string")
		case c == '\\':
			if err := l.escape(&b); err != nil {
				return t, err
			}
		default:
			b.WriteByte(c)
			l.advance(1)
		}
	}
	return t, l.errAt(t.line, t.col, "unclosed string")
}

// escape decodes one JSON-style escape sequence at the cursor into b.
func (l *lexer) escape(b *strings.Builder) *Error {
	line, col := l.line, l.col
	rest := l.src[l.off:]
	if len(rest) < 2 {
		return l.errAt(line, col, "unclosed string")
	}
	if c, ok := simpleEscape(rest[1]); ok {
		b.WriteByte(c)
		l.advance(2)
		return nil
	}
	if rest[1] == 'u' && len(rest) >= 6 {
		if v, err := strconv.ParseUint(rest[2:6], 16, 16); err == nil {
			b.WriteRune(rune(v))
			l.advance(6)
			return nil
		}
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return l.errAt(line, col, "bad escape sequence \\%c in string", r)
}

func (l *lexer) subst(t token) (token, *Error) {
	end := strings.IndexAny(l.src[l.off:], "}\n")
	if end < 0 || l.src[l.off+end] != '}' {
		return t, l.errAt(t.line, t.col, "unclosed substitution ${")
	}
	t.kind, t.val = tkSubst, l.src[l.off:l.off+end+1]
	l.advance(end + 1)
	return t, nil
}

// text reads unquoted text up to whitespace, a comment or a special character.
func (l *lexer) text(t token) (token, *Error) {
	start := l.off
	for l.off < len(l.src) {
		rest := l.src[l.off:]
		c := rest[0]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' ||
			strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "\u00a0") || strings.HasPrefix(rest, "\ufeff") ||
			strings.IndexByte(forbidden, c) >= 0 {
			break
		}
		l.advance(1)
	}
	if l.off == start {
		r, _ := utf8.DecodeRuneInString(l.src[l.off:])
		return t, l.errAt(t.line, t.col, "unexpected character %q (quote the value)", r)
	}
	t.kind, t.val = tkText, l.src[start:l.off]
	return t, nil
}
