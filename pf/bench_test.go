package pf

import (
	"os"
	"testing"
)

func BenchmarkParseHost(b *testing.B) {
	src, err := os.ReadFile("testdata/valid/host.conf")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
