package xmpp

import (
	"bytes"
	"errors"
	"testing"

	"mellium.im/xmpp/stanza"
)

func TestErrorReplyNamespace(t *testing.T) {
	req := NewIQ("get", "q1", "a@example.com/r", "b.example.com", NewElement("urn:example", "query"))
	r := ErrorReply(req, stanza.Error{Type: stanza.Cancel, Condition: stanza.ServiceUnavailable})
	out := r.Marshal("")
	if bytes.Contains(out, []byte(`xmlns=""`)) {
		t.Fatalf("error element in no namespace: %s", out)
	}
	back, err := ParseElement(out)
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(StanzaError(back), stanza.Error{Condition: stanza.ServiceUnavailable}) {
		t.Fatalf("reply %s does not carry service-unavailable", out)
	}
	for _, c := range back.Nodes {
		if c.El != nil && c.El.Local == "error" && c.El.Space != NSClient {
			t.Fatalf("<error> in %q, want %q", c.El.Space, NSClient)
		}
	}
}

func TestIQKeyNormalisesPeer(t *testing.T) {
	if iqKey("JvbBrewery@internal.auth.Example.com/Nick", "1") != iqKey("jvbbrewery@internal.auth.example.com/Nick", "1") {
		t.Fatal("a reply from the lower-cased JID would not match")
	}
	if iqKey("not a jid@@", "1") != "not a jid@@\x001" {
		t.Fatal("unparsable peers must be kept as they are")
	}
}
