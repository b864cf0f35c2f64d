package focus

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/jingle"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testConfig parses jicofo.conf text (HOCON) on top of the defaults.
func testConfig(t testing.TB, conf string) *config.Jicofo {
	t.Helper()
	c, err := config.ParseJicofo("test.conf", []byte(conf), "example.com")
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return c
}

// fixtureModified reads testdata/c2-modified.xml, a real conference-modified.
func fixtureModified(t testing.TB) *colibri.ConferenceModified {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "c2-modified.xml"))
	if err != nil {
		t.Fatal(err)
	}
	iq, err := colibri.DecodeIQ[colibri.ConferenceModified](data)
	if err != nil {
		t.Fatalf("decode fixture: %v", err)
	}
	return iq.Payload
}

// clientSources returns the sources a Chrome client signals: one audio source
// and a simulcast camera (3 SIM SSRCs, each with an RTX partner). base makes
// the SSRCs unique per client.
func clientSources(owner string, base uint32) jingle.EndpointSources {
	msidA := owner + "-stream " + owner + "-audio"
	msidV := owner + "-stream " + owner + "-video"
	e := jingle.EndpointSources{Owner: owner,
		Audio: []jingle.Source{jingle.NewSource(base, owner+"-a0", msidA, "")}}
	for i := uint32(0); i < 3; i++ {
		e.Video = append(e.Video, jingle.NewSource(base+10+i, owner+"-v0", msidV, jingle.VideoTypeCamera),
			jingle.NewSource(base+20+i, owner+"-v0", msidV, jingle.VideoTypeCamera))
		e.VideoGroups = append(e.VideoGroups, jingle.NewGroup(jingle.SemanticsFID, base+10+i, base+20+i))
	}
	e.VideoGroups = append([]jingle.SSRCGroup{jingle.NewGroup(jingle.SemanticsSIM, base+10, base+11, base+12)}, e.VideoGroups...)
	return e
}

// indentXML re-encodes XML with indentation, for readable golden files.
func indentXML(t testing.TB, data []byte) []byte {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var buf bytes.Buffer
	e := xml.NewEncoder(&buf)
	e.Indent("", " ")
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("indent: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok && len(bytes.TrimSpace(cd)) == 0 {
			continue
		}
		if err := e.EncodeToken(xml.CopyToken(tok)); err != nil {
			t.Fatalf("indent: %v", err)
		}
	}
	if err := e.Flush(); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testenv.Golden(t, filepath.Join("testdata", name), got, *update)
}

// marshal encodes any payload with the package's encoders.
func marshal(t testing.TB, v any) []byte {
	t.Helper()
	switch x := v.(type) {
	case *jingle.Jingle:
		b, err := x.Encode()
		if err != nil {
			t.Fatal(err)
		}
		return b
	default:
		b, err := colibri.Marshal(v)
		if err != nil {
			t.Fatalf("marshal %T: %v", v, err)
		}
		return b
	}
}

func ssrcList(e jingle.EndpointSources) string { return fmt.Sprint(e.SSRCs()) }
