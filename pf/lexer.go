package pf

import (
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/bsdconf"
)

// grammar is what pf.conf adds to the shared OpenBSD parse.y lexer: pfctl's
// word characters, backslash escapes of the quote and of itself, and the
// two-byte operators.
var grammar = &bsdconf.Grammar{
	StartsWord:   startsWord,
	InWord:       inWord,
	QuoteEscapes: `\`,
	Pairs:        []string{"!=", "<=", ">=", "<>", "><"},
	Syntax:       ErrSyntax,
	Macro:        ErrMacro,
}

type token = bsdconf.Token

const (
	tEOF    = bsdconf.EOF
	tNL     = bsdconf.NL
	tWord   = bsdconf.Word
	tString = bsdconf.String
	tPunct  = bsdconf.Punct
)

// startsWord is pfctl's test for the first byte of an unquoted word.
func startsWord(c byte) bool {
	return bsdconf.IsAlnum(c) || c == ':' || c == '_'
}

// inWord is pfctl's allowed_in_string().
func inWord(c byte) bool {
	return bsdconf.IsAlnum(c) || c > ' ' && c < 0x7f && !strings.ContainsRune("(){}<>!=/#,", rune(c))
}
