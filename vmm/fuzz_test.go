package vmm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics or hangs and that every file it
// accepts (without macros) emits to text that parses back to the same VMs.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/valid/*.conf")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("vm \"a\" {\n memory 1G\n}\nvm \"a\" instance \"b\" {\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse(src)
		if err != nil {
			return
		}
		out, err := Emit(Config{LocalPrefix: file.LocalPrefix, VMs: file.VMs})
		if err != nil {
			// Only strings the renderer refuses to quote may fail.
			if !strings.Contains(err.Error(), "cannot be quoted") {
				t.Fatalf("accepted file does not re-emit: %v", err)
			}
			return
		}
		again, err := Parse(out)
		if err != nil || len(again.VMs) != len(file.VMs) {
			t.Fatalf("re-emitted file does not parse: %v\n%s", err, out)
		}
	})
}
