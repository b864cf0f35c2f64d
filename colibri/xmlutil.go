package colibri

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/jid"
)

// attrValue returns the value of the unqualified attribute with the given
// name ("lang" means xml:lang), or "".
func attrValue(se xml.StartElement, local string) string {
	space := ""
	if local == "lang" {
		space = "http://www.w3.org/XML/1998/namespace"
	}
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

// rawText returns the character data directly inside a kept element.
func rawText(r xmlx.Raw) string {
	var b strings.Builder
	depth := 0
	for _, t := range r.Tokens {
		switch t := t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 1 {
				b.Write(t)
			}
		}
	}
	return b.String()
}

// tokenSlice is an xml.TokenReader over a fixed list of tokens.
type tokenSlice struct {
	toks []xml.Token
}

// Token implements xml.TokenReader.
func (s *tokenSlice) Token() (xml.Token, error) {
	if len(s.toks) == 0 {
		return nil, io.EOF
	}
	t := s.toks[0]
	s.toks = s.toks[1:]
	return t, nil
}

// stableJIDs rejects addresses that jid.Parse accepts but whose String form
// it does not accept back unchanged (".." parses, "." does not), so a decoded
// stanza always re-encodes to one that decodes to the same value.
func stableJIDs(js ...jid.JID) error {
	for _, j := range js {
		if j.Equal(jid.JID{}) {
			continue
		}
		again, err := jid.Parse(j.String())
		if err != nil || again.String() != j.String() {
			return fmt.Errorf("%w: address %q does not survive re-encoding", ErrInvalidValue, j.String())
		}
	}
	return nil
}
