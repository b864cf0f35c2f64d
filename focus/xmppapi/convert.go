package xmppapi

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

var iqName = xml.Name{Space: xmpp.NSClient, Local: "iq"}

// toElement encodes an encoding/xml value (a jingle.IQ, a colibri.IQ or a
// payload) into the stream layer's element tree.
func toElement(v any) (*xmpp.Element, error) {
	var b bytes.Buffer
	if err := xml.NewEncoder(&b).Encode(v); err != nil {
		return nil, fmt.Errorf("xmppapi: encode %T: %w", v, err)
	}
	e, err := xmpp.ParseElement(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("xmppapi: re-read %T: %w", v, err)
	}
	return e, nil
}

// stanzaBytes serialises a received stanza with every namespace declared,
// for the encoding/xml decoders of packages jingle and colibri.
func stanzaBytes(e *xmpp.Element) []byte { return e.Marshal("") }

// childText returns the text of the first child with that local name in
// any namespace, or "".
func childText(e *xmpp.Element, local string) string {
	if c := e.Child("", local); c != nil {
		return c.Text()
	}
	return ""
}

// text is a stanza error text without a language.
func text(s string) map[string]string { return map[string]string{"": s} }
