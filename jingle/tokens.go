package jingle

import (
	"encoding/xml"
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// rawText returns the character data directly inside a kept element at the
// given depth (1 = the element's own text), trimmed of surrounding space.
func rawText(r xmlx.Raw, depth int) string {
	var sb strings.Builder
	level := 0
	for _, t := range r.Tokens {
		switch v := t.(type) {
		case xml.StartElement:
			level++
		case xml.EndElement:
			level--
		case xml.CharData:
			if level == depth {
				sb.Write(v)
			}
		}
	}
	return strings.TrimSpace(sb.String())
}

// rawChildText returns the text of the first direct child of r named name.
func rawChildText(r xmlx.Raw, name xml.Name) string {
	level := 0
	var sb strings.Builder
	in := false
	for _, t := range r.Tokens {
		switch v := t.(type) {
		case xml.StartElement:
			level++
			if level == 2 && v.Name == name && !in && sb.Len() == 0 {
				in = true
			}
		case xml.EndElement:
			if level == 2 && in {
				return strings.TrimSpace(sb.String())
			}
			level--
		case xml.CharData:
			if in && level == 2 {
				sb.Write(v)
			}
		}
	}
	return ""
}

// textElement returns the tokens of <name>text</name>.
func textElement(name xml.Name, text string) []xml.Token {
	start := xml.StartElement{Name: name}
	return []xml.Token{start, xml.CharData(text), start.End()}
}

// wrapTokens returns start, inner..., end.
func wrapTokens(start xml.StartElement, inner []xml.Token) []xml.Token {
	out := make([]xml.Token, 0, len(inner)+2)
	out = append(out, start)
	out = append(out, inner...)
	return append(out, start.End())
}

// encodeTokens writes tokens to e.
func encodeTokens(e *xml.Encoder, toks []xml.Token) error {
	for _, t := range toks {
		if err := e.EncodeToken(t); err != nil {
			return err
		}
	}
	return nil
}
