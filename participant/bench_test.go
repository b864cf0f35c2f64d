package participant

import (
	"context"
	"testing"
)

// BenchmarkSessionAccept measures what one join costs the participant:
// session-initiate → PeerConnection with audio and video → gathered answer →
// session-accept.
func BenchmarkSessionAccept(b *testing.B) {
	init := fixtureIQ(b, "session-initiate-json.xml").Jingle
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s := NewSession(Config{Endpoint: "bench", Audio: true, Video: true})
		if _, err := s.Accept(ctx, init); err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
	}
}
