package xmlx

import (
	"encoding/xml"
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
