package vmm

import "strings"

type tokKind int

const (
	tEOF tokKind = iota
	tNL
	tWord   // unquoted word (may be a keyword)
	tString // quoted: never a keyword
	tPunct  // { } = , ( ) !
)

type token struct {
	kind tokKind
	text string
	line int
}

// reserved are the keywords of vmd's lookup() table.
var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`add agentx allow boot cdrom context delay device
		disable disk down enable format group id include inet6 instance interface
		interfaces lladdr local locked memory net owner parallel path prefix rdomain
		sev seves size socket staggered start switch up vm`) {
		reserved[w] = true
	}
}

// IsReserved reports whether w is a vm.conf keyword and must be quoted
// when used as a value.
func IsReserved(w string) bool { return reserved[w] }

const (
	maxExpansions = 1024
	maxInput      = 256 << 10
)

type lexer struct {
	src        []byte
	pos, line  int
	macros     map[string]string
	expansions int
}

func startsWord(c byte) bool { return isAlnum(c) || c == ':' || c == '_' || c == '/' }

func inWord(c byte) bool {
	return isAlnum(c) || c > ' ' && c < 0x7f && !strings.ContainsRune("(){}!=#,\"'", rune(c))
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

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
		case startsWord(c):
			start := l.pos
			for l.pos < len(l.src) && inWord(l.src[l.pos]) {
				l.pos++
			}
			return token{kind: tWord, text: string(l.src[start:l.pos]), line: l.line}, nil
		default:
			l.pos++
			return token{kind: tPunct, text: string(c), line: l.line}, nil
		}
	}
}

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
		case c == '\\' && l.pos < len(l.src) && l.src[l.pos] == q:
			b.WriteByte(q)
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

func (l *lexer) expand() error {
	l.pos++
	start := l.pos
	for l.pos < len(l.src) && (isAlnum(l.src[l.pos]) || l.src[l.pos] == '_') {
		l.pos++
	}
	name := string(l.src[start:l.pos])
	val, ok := l.macros[name]
	if !ok {
		return lineErr(ErrMacro, l.line, "macro %q not defined", name)
	}
	l.expansions++
	if l.expansions > maxExpansions || len(l.src)+len(val) > maxInput {
		return lineErr(ErrMacro, l.line, "macro expansion runs away at $%s", name)
	}
	rest := append([]byte(" "+val+" "), l.src[l.pos:]...)
	l.src = append(l.src[:l.pos:l.pos], rest...)
	return nil
}
