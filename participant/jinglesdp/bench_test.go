package jinglesdp

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
)

func BenchmarkOfferSDP(b *testing.B) {
	j := fixture(b, "session-initiate-json.xml")
	b.ReportAllocs()
	for b.Loop() {
		o, err := FromJingle(j)
		if err != nil {
			b.Fatal(err)
		}
		_ = o.SDP()
	}
}

func BenchmarkToJingle(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "chrome-answer.sdp"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ToJingle(string(data), AnswerOptions{Creator: jingle.CreatorResponder}); err != nil {
			b.Fatal(err)
		}
	}
}
