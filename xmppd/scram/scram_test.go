package scram

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"hash"
	"testing"
)

// The exchanges of RFC 5802 section 5 (SHA-1) and RFC 7677 section 3
// (SHA-256), user "user", password "pencil".
var vectors = []struct {
	name                                  string
	h                                     func() hash.Hash
	salt, snonce                          string
	clientFirst, serverFirst, clientFinal string
	serverFinal                           string
}{
	{"SCRAM-SHA-1", sha1.New, "QSXCR+Q6sek8bf92", "3rfcNHYJY1ZVvWVs7j",
		"n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
		"r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
		"c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
		"v=rmF9pqV8S7suAoZWja4dJRkFsKQ="},
	{"SCRAM-SHA-256", sha256.New, "W22ZaJ0SNY7soEsUEjb6gQ==", "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
		"n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
		"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
		"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
		"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="},
}

func lookupFor(h func() hash.Hash, salt []byte, password string) Lookup {
	k := DeriveKeys(h, []byte(password), salt, 4096)
	return func(user string) ([]byte, int, Keys, error) {
		if user != "user" {
			return nil, 0, Keys{}, errors.New("no such user")
		}
		return salt, 4096, k, nil
	}
}

func TestRFCVectors(t *testing.T) {
	for _, v := range vectors {
		t.Run(v.name, func(t *testing.T) {
			if Hash(v.name) == nil {
				t.Fatal("no hash for mechanism")
			}
			salt, _ := base64.StdEncoding.DecodeString(v.salt)
			s := NewServer(v.h, lookupFor(v.h, salt, "pencil"))
			s.Nonce = v.snonce
			out, done, err := s.Step([]byte(v.clientFirst))
			if err != nil || done || string(out) != v.serverFirst {
				t.Fatalf("first: %q %v %v", out, done, err)
			}
			out, done, err = s.Step([]byte(v.clientFinal))
			if err != nil || !done || string(out) != v.serverFinal {
				t.Fatalf("final: %q %v %v", out, done, err)
			}
			if s.Username() != "user" {
				t.Fatalf("user %q", s.Username())
			}
			if _, _, err := s.Step(nil); !errors.Is(err, ErrMalformed) {
				t.Fatalf("third step: %v", err)
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	v := vectors[0]
	salt, _ := base64.StdEncoding.DecodeString(v.salt)
	tests := []struct {
		name, first, final string
		want               error
	}{
		{"wrong password", v.clientFirst, v.clientFinal, ErrAuth},
		{"unknown user", "n,,n=nobody,r=fyko+d2lbbFgONRv9qkxdawL", "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", ErrAuth},
		{"nonce mismatch", v.clientFirst, "c=biws,r=other,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", ErrAuth},
		{"gs2 mismatch", v.clientFirst, "c=eSws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=", ErrAuth},
		{"short proof", v.clientFirst, "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=AAAA", ErrAuth},
		{"no proof", v.clientFirst, "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j", ErrMalformed},
		{"bad proof encoding", v.clientFirst, "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=!!", ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pw := "pencil"
			if tc.name == "wrong password" {
				pw = "pen"
			}
			s := NewServer(v.h, lookupFor(v.h, salt, pw))
			s.Nonce = v.snonce
			if _, _, err := s.Step([]byte(tc.first)); err != nil {
				t.Fatalf("first: %v", err)
			}
			if _, _, err := s.Step([]byte(tc.final)); !errors.Is(err, tc.want) {
				t.Fatalf("final: %v, want %v", err, tc.want)
			}
		})
	}
	for _, first := range []string{"", "n", "x,,n=user,r=a", "p=tls-unique,,n=user,r=a", "n,,r=a", "n,,n=,r=a", "n,,n=us=er,r=a", "n,b,n=user,r=a", "n,,n=user,r="} {
		s := NewServer(v.h, lookupFor(v.h, salt, "pencil"))
		if _, _, err := s.Step([]byte(first)); err == nil {
			t.Errorf("client-first %q accepted", first)
		}
	}
}

func TestEscapedNamesAndAuthz(t *testing.T) {
	s := NewServer(sha256.New, func(user string) ([]byte, int, Keys, error) {
		if user != "a,b=c" {
			t.Errorf("user %q", user)
		}
		return []byte("salt"), 4096, Keys{}, nil
	})
	if _, _, err := s.Step([]byte("y,a=x=2Cy,n=a=2Cb=3Dc,r=abc")); err != nil {
		t.Fatal(err)
	}
	if s.Authz() != "x,y" {
		t.Fatalf("authz %q", s.Authz())
	}
}

func TestCheckPlain(t *testing.T) {
	k := DeriveKeys(sha256.New, []byte("secret"), []byte("salt"), 4096)
	if !Check(sha256.New, []byte("secret"), []byte("salt"), 4096, k) || Check(sha256.New, []byte("Secret"), []byte("salt"), 4096, k) {
		t.Fatal("Check disagrees with DeriveKeys")
	}
}

func FuzzServer(f *testing.F) {
	for _, v := range vectors {
		f.Add(v.clientFirst, v.clientFinal)
	}
	f.Fuzz(func(t *testing.T, first, final string) {
		salt, _ := base64.StdEncoding.DecodeString(vectors[0].salt)
		s := NewServer(sha1.New, lookupFor(sha1.New, salt, "pencil"))
		if _, _, err := s.Step([]byte(first)); err != nil {
			return
		}
		_, _, _ = s.Step([]byte(final))
	})
}
