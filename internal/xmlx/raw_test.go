package xmlx

import (
	"encoding/xml"
	"errors"
	"testing"
)

type carrier struct {
	XMLName xml.Name `xml:"urn:a outer"`
	Known   string   `xml:"urn:a known"`
	Extra   []Raw    `xml:",any"`
}

func TestRawPassThrough(t *testing.T) {
	in := `<outer xmlns="urn:a" xmlns:q="urn:q"><known>k</known><q:ext q:attr="v" plain="w"><q:inner>text</q:inner><other xmlns="urn:o"/></q:ext></outer>`
	var c carrier
	if err := xml.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Extra) != 1 || c.Extra[0].Name() != (xml.Name{Space: "urn:q", Local: "ext"}) {
		t.Fatalf("extra = %+v", c.Extra)
	}
	out, err := xml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := Equal([]byte(in), out); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestRawTruncated(t *testing.T) {
	var c carrier
	if err := xml.Unmarshal([]byte(`<outer xmlns="urn:a"><x><y>`), &c); err == nil {
		t.Fatal("truncated element decoded without error")
	}
}

// TestRawNoNamespace: an unknown element in no namespace inside a parent with
// a default namespace must stay in no namespace after re-encoding.
func TestRawNoNamespace(t *testing.T) {
	in := `<outer xmlns="urn:a"><known/><plain xmlns="" k="v"><child/></plain></outer>`
	var c carrier
	if err := xml.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	out, err := xml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var again carrier
	if err := xml.Unmarshal(out, &again); err != nil {
		t.Fatal(err)
	}
	if len(again.Extra) != 1 || again.Extra[0].Name() != (xml.Name{Local: "plain"}) {
		t.Fatalf("re-decoded as %+v from %s", again.Extra, out)
	}
	if err := Equal([]byte(in), out); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

// TestRawBadLocalName: encoding/xml accepts a prefixed name whose local part
// cannot start a name; Raw must refuse it instead of writing invalid XML.
func TestRawBadLocalName(t *testing.T) {
	for _, in := range []string{
		`<outer xmlns="urn:a"><p:-x xmlns:p="urn:p"/></outer>`,
		`<outer xmlns="urn:a"><ok><p:1x xmlns:p="urn:p"/></ok></outer>`,
		`<outer xmlns="urn:a"><ok p:-a="1" xmlns:p="urn:p"/></outer>`,
	} {
		var c carrier
		if err := xml.Unmarshal([]byte(in), &c); !errors.Is(err, ErrBadName) {
			t.Errorf("%s: got %v, want ErrBadName", in, err)
		}
	}
	var c carrier
	if err := xml.Unmarshal([]byte(`<outer xmlns="urn:a"><p:é xmlns:p="urn:p" p:ü="1"/></outer>`), &c); err != nil {
		t.Errorf("non-ASCII names: %v", err)
	}
}
