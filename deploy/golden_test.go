package deploy

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// fixedRand stands in for crypto/rand so generated secrets are stable.
func fixedRand() *bytes.Reader { return bytes.NewReader(bytes.Repeat([]byte("0123456789abcdef"), 64)) }

func emitFile(t *testing.T, desc string) Tree {
	t.Helper()
	d, err := LoadFile(filepath.Join("testdata", desc))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := Emit(d, fixedRand())
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// TestGolden compares every emitted file with testdata/golden/<case>/;
// go test ./deploy -run TestGolden -update rewrites them.
func TestGolden(t *testing.T) {
	for _, tc := range []struct{ desc, dir string }{
		{"guide.conf", "guide"},
		{"xmppd-3bridges.conf", "xmppd-3bridges"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			tree := emitFile(t, tc.desc)
			dir := filepath.Join("testdata", "golden", tc.dir)
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				if err := tree.Write(dir); err != nil {
					t.Fatal(err)
				}
			}
			compareTree(t, tree, dir)
		})
	}
}

func compareTree(t *testing.T, tree Tree, dir string) {
	seen := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, dir+string(filepath.Separator)))
		seen[rel] = true
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if f, ok := tree[rel]; !ok {
			t.Errorf("%s: golden file no longer emitted", rel)
		} else if !bytes.Equal(f.Data, want) {
			t.Errorf("%s differs from golden (run with -update after review):\n--- got\n%s\n--- want\n%s", rel, f.Data, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range tree.Paths() {
		if !seen[p] {
			t.Errorf("%s: emitted but has no golden file", p)
		}
	}
}
