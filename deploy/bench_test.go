package deploy

import "testing"

// BenchmarkEmitGuide measures a whole emission of the guide's deployment,
// every validator and the cross-file Check included.
func BenchmarkEmitGuide(b *testing.B) {
	d, err := LoadFile("testdata/guide.conf")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Emit(d, fixedRand()); err != nil {
			b.Fatal(err)
		}
	}
}
