package jingle

import "testing"

// BenchmarkDecodeSessionAccept decodes the lib-jitsi-meet session-accept
// fixture (a whole IQ with audio, video with simulcast and RTX, data).
func BenchmarkDecodeSessionAccept(b *testing.B) {
	data := readFixture(b, "session-accept.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeIQ(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeSessionInitiate encodes jicofo's session-initiate.
func BenchmarkEncodeSessionInitiate(b *testing.B) {
	iq, err := DecodeIQ(readFixture(b, "session-initiate-json.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := iq.Encode(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJSONSources encodes and decodes the session-initiate sources.
func BenchmarkJSONSources(b *testing.B) {
	m := initiateSources()
	b.ReportAllocs()
	for b.Loop() {
		out, err := EncodeJSONSources(m)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := DecodeJSONSources(out); err != nil {
			b.Fatal(err)
		}
	}
}
