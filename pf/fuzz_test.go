package pf

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics or hangs, and that every rule it
// accepts renders to text that parses back to the same rule.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/valid/*.conf")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("a = \"{\" $b \"}\"\n"))
	f.Add([]byte("pass in proto udp to port 10000:10050 rdr-to 10.0.0.1 port 10000:*\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse(src)
		if err != nil {
			return
		}
		var b strings.Builder
		for _, tb := range file.Tables {
			b.WriteString(tb.String() + "\n")
		}
		for _, r := range file.Rules {
			b.WriteString(r.String() + "\n")
		}
		again, err := Parse([]byte(b.String()))
		if err != nil {
			t.Fatalf("rendered rules do not parse: %v\n%s", err, b.String())
		}
		if len(again.Rules) != len(file.Rules) {
			t.Fatalf("%d rules became %d", len(file.Rules), len(again.Rules))
		}
		for i := range file.Rules {
			a, c := normal(file.Rules[i]), normal(again.Rules[i])
			a.Line, c.Line = 0, 0
			if !reflect.DeepEqual(a, c) {
				t.Fatalf("rule %q became %q", a.String(), c.String())
			}
		}
	})
}
