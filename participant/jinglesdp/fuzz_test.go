package jinglesdp

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// FuzzToJingle checks that any SDP either fails cleanly or yields contents
// that encode as XML.
func FuzzToJingle(f *testing.F) {
	for _, name := range []string{"chrome-answer.sdp", "session-initiate-json.sdp", "session-initiate-elements.sdp"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, sdp string) {
		contents, groups, err := ToJingle(sdp, AnswerOptions{Creator: jingle.CreatorResponder})
		if err != nil {
			return
		}
		j := &jingle.Jingle{Action: jingle.ActionSessionAccept, SID: "s", Contents: contents, Groups: groups}
		if _, err := j.Encode(); err != nil {
			t.Fatalf("encode: %v", err)
		}
	})
}

// FuzzOffer feeds arbitrary session-initiate payloads through FromJingle and
// checks the written SDP parses back with ToJingle.
func FuzzOffer(f *testing.F) {
	for _, name := range []string{"session-initiate-json.xml", "session-initiate-elements.xml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "jingle", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		iq, err := jingle.DecodeIQ(data)
		if err != nil || iq.Jingle == nil {
			return
		}
		o, err := FromJingle(iq.Jingle)
		if err != nil {
			return
		}
		if _, _, err := ToJingle(o.SDP(), AnswerOptions{}); err != nil {
			t.Fatalf("offer does not parse back: %v\n%s", err, o.SDP())
		}
	})
}
