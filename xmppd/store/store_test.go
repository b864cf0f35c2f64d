package store

import (
	"encoding/base64"
	"hash"

	"github.com/jitsi-go/jitsi-go/xmppd/scram"

	"crypto/sha1"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mellium.im/sasl"
)

func TestRegisterLookupDelete(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Register("focus", "auth.example.com", "s3cret"); err != nil {
		t.Fatal(err)
	}
	s2, _ := Open(dir) // a second process sees the same account
	a, err := s2.Lookup("focus", "auth.example.com")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		mech string
		h    func() hash.Hash
	}{{"SCRAM-SHA-1", sha1.New}, {"SCRAM-SHA-256", sha256.New}} {
		salt, it, keys, err := a.Keys(tc.mech)
		if err != nil || it != Iterations || !scram.Check(tc.h, []byte("s3cret"), salt, it, keys) ||
			scram.Check(tc.h, []byte("wrong"), salt, it, keys) {
			t.Errorf("%s: stored keys do not verify the password (err %v)", tc.mech, err)
		}
	}
	raw, _ := os.ReadFile(mustPath(t, s, "focus", "auth.example.com"))
	salted := base64.StdEncoding.EncodeToString(sasl.SCRAMSaltPassword(sha256.New, []byte("s3cret"), a.Salt, Iterations))
	if strings.Contains(string(raw), "s3cret") || strings.Contains(string(raw), salted) {
		t.Fatal("password or salted password stored")
	}
	if err := s.Delete("focus", "auth.example.com"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lookup("focus", "auth.example.com"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if err := s.Delete("focus", "auth.example.com"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("double delete: %v", err)
	}
}

func TestInvalidNames(t *testing.T) {
	s, _ := Open(t.TempDir())
	for _, tc := range []struct{ user, host, pw string }{
		{"", "h", "p"}, {"a/b", "", "p"}, {"u", "h", ""}, {"u@x", "h", "p"},
	} {
		if err := s.Register(tc.user, tc.host, tc.pw); !errors.Is(err, ErrInvalid) {
			t.Errorf("Register(%q,%q,%q) = %v, want ErrInvalid", tc.user, tc.host, tc.pw, err)
		}
	}
}

func TestCorruptAndNoTempLeft(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	if err := s.Register("jvb", "auth.x", "pw"); err != nil {
		t.Fatal(err)
	}
	p := mustPath(t, s, "jvb", "auth.x")
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Fatalf("temp files left behind: %v", entries)
	}
	if err := os.WriteFile(p, []byte("{half"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lookup("jvb", "auth.x"); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("corrupt file: %v", err)
	}
}

func mustPath(t *testing.T, s *Store, u, h string) string {
	t.Helper()
	p, err := s.path(u, h)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
