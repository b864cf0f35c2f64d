package deploy

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// File is one emitted file.
type File struct {
	Data []byte
	Mode fs.FileMode
}

// Tree maps "machine/abs/path" (machine is "host" or a guest name) to the
// file to install there, e.g. "host/etc/pf.conf" or "jvb/etc/jvb/jvb.conf".
type Tree map[string]File

// Paths returns the tree's paths sorted.
func (t Tree) Paths() []string {
	out := make([]string, 0, len(t))
	for p := range t {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Get returns the file at machine and absolute path.
func (t Tree) Get(machine, path string) ([]byte, bool) {
	f, ok := t[machine+path]
	return f.Data, ok
}

func (t Tree) put(machine, path string, data []byte, mode fs.FileMode) {
	t[machine+path] = File{Data: data, Mode: mode}
}

// Write writes every file under dir (dir/machine/abs/path), each through a
// temporary file and rename so that no file is left half-written.
func (t Tree) Write(dir string) error {
	for _, p := range t.Paths() {
		if strings.Contains(p, "..") {
			return fmt.Errorf("%w: refusing path %q", ErrEmit, p)
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := writeFile(dst, t[p]); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(dst string, f File) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".tmp-"+filepath.Base(dst))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(f.Data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(f.Mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
