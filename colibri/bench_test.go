package colibri

import "testing"

func BenchmarkDecodeConferenceModify(b *testing.B) {
	data := readFixture(b, "c2-create.xml")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeIQ[ConferenceModify](data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeConferenceModify(b *testing.B) {
	iq, err := DecodeIQ[ConferenceModify](readFixture(b, "c2-create.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(iq); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeBreweryPresence(b *testing.B) {
	data := readFixture(b, "brewery-presence.xml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodePresence(data); err != nil {
			b.Fatal(err)
		}
	}
}
