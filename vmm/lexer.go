package vmm

import (
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/bsdconf"
)

// grammar is what vm.conf adds to the shared OpenBSD parse.y lexer: vmd's
// word characters; a backslash escapes only the quote.
var grammar = &bsdconf.Grammar{
	StartsWord: func(c byte) bool { return bsdconf.IsAlnum(c) || c == ':' || c == '_' || c == '/' },
	InWord: func(c byte) bool {
		return bsdconf.IsAlnum(c) || c > ' ' && c < 0x7f && !strings.ContainsRune("(){}!=#,\"'", rune(c))
	},
	Syntax: ErrSyntax,
	Macro:  ErrMacro,
}

type token = bsdconf.Token

const (
	tEOF    = bsdconf.EOF
	tNL     = bsdconf.NL
	tWord   = bsdconf.Word
	tString = bsdconf.String
	tPunct  = bsdconf.Punct
)

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
