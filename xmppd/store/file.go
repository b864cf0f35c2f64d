package store

import (
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
)

// Errors returned by the store.
var (
	ErrNotFound = errors.New("store: no such account")
	ErrInvalid  = errors.New("store: invalid account name or password")
	ErrCorrupt  = errors.New("store: corrupt account file")
)

// fsName maps a JID part to a file name that cannot escape the directory.
func fsName(s string) string { return hex.EncodeToString([]byte(s)) }

// writeAtomic writes data to path via a temporary file, fsync and rename.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
