package config

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func BenchmarkParseJVBPaper(b *testing.B) {
	conf, err := os.ReadFile("testdata/paper/jvb.conf")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseJVB("jvb.conf", conf, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseHOCONLarge checks that position indexing stays linear on a
// flat file of many keys (the fuzzer's worst case).
func BenchmarkParseHOCONLarge(b *testing.B) {
	var sb strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&sb, "k%d = %d\n", i, i)
	}
	data := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d, err := ParseHOCON("big.conf", data)
		if err != nil {
			b.Fatal(err)
		}
		_ = d.Unknown(func(string) bool { return false })
	}
}
