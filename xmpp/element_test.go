package xmpp

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fixtures are real Jitsi stanzas; each must survive parse → marshal →
// parse unchanged, and marshal output must be stable (idempotent).
func fixtures(t testing.TB) map[string][]byte {
	t.Helper()
	files, _ := filepath.Glob("testdata/*.xml")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = bytes.TrimSpace(b)
	}
	return out
}

func TestRoundTripFixtures(t *testing.T) {
	for name, data := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			e, err := ParseElement(data)
			if err != nil {
				t.Fatal(err)
			}
			out := e.Marshal("")
			e2, err := ParseElement(out)
			if err != nil {
				t.Fatalf("reparse %s: %v", out, err)
			}
			if !reflect.DeepEqual(e, e2) {
				t.Fatalf("round trip changed the element:\n%s\n%s", data, out)
			}
			if again := e2.Marshal(""); !bytes.Equal(again, out) {
				t.Fatalf("marshal not stable:\n%s\n%s", out, again)
			}
			if c := e.Copy(); !reflect.DeepEqual(c, e) {
				t.Fatal("Copy differs")
			}
		})
	}
}

func TestMarshalInStream(t *testing.T) {
	e, _ := ParseElement(fixtures(t)["jitsi-presence.xml"])
	s := string(e.Marshal(NSClient))
	if !strings.HasPrefix(s, "<presence to=") || !strings.Contains(s, `<c xmlns="http://jabber.org/protocol/caps"`) {
		t.Fatalf("in-stream form %s", s)
	}
	if strings.Contains(s, `<stats-id xmlns=`) {
		t.Fatal("child in the default namespace got a redundant xmlns")
	}
}

func TestReaderLimits(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		max  int64
		want error
	}{
		{"too big", "<a>" + strings.Repeat("x", 200) + "</a>", 100, ErrStanzaTooBig},
		{"too deep", strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100), 0, ErrTooDeep},
		{"doctype", `<!DOCTYPE x [<!ENTITY a "b">]><a/>`, 0, ErrRestrictedXML},
		{"comment", `<a><!-- hi --></a>`, 0, ErrRestrictedXML},
		{"pi", `<a><?pi x?></a>`, 0, ErrRestrictedXML},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tc.data), tc.max).ReadElement()
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := ParseElement([]byte("<a>&undefined;</a>")); err == nil {
		t.Fatal("undefined entity accepted")
	}
}

func TestReaderStream(t *testing.T) {
	in := `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='` + NSStream + `' to='d'>
	  <message to='a@d'><body>1</body></message> <iq type='get' id='x'/></stream:stream>`
	r := NewReader(strings.NewReader(in), 0)
	hdr, err := r.StreamStart()
	if err != nil || hdr.Name.Local != "stream" {
		t.Fatalf("header %v %v", hdr, err)
	}
	m, err := r.ReadElement()
	if err != nil || !m.Is(NSClient, "message") || m.Child(NSClient, "body").Text() != "1" {
		t.Fatalf("message %v %v", m, err)
	}
	if _, err := r.ReadElement(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReadElement(); !errors.Is(err, ErrStreamClosed) {
		t.Fatalf("end: %v", err)
	}
}

func TestAttrHelpers(t *testing.T) {
	e := NewElement(NSClient, "iq", "type", "get", "id", "1")
	e.SetAttr("id", "")
	e.SetAttr("to", "a@b")
	if e.Get("id") != "" || e.Get("to") != "a@b" || e.Get("type") != "get" {
		t.Fatalf("attrs %v", e.Attr)
	}
	e.Add(NewElement("ns1", "x"), NewElement("ns2", "y")).RemoveChildren("ns1", "x")
	if e.Child("", "x") != nil || e.Child("ns2", "y") == nil || e.FirstChild().Local != "y" {
		t.Fatal("children helpers")
	}
}
