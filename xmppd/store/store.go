// Package store keeps xmppd's accounts on disk: one JSON file per account
// holding only the SCRAM StoredKey and ServerKey for SHA-1 and SHA-256, as
// prosody's internal_hashed does: neither the password nor the salted
// password, so the file is not enough to log in. Every write goes to a temporary file that is fsynced
// and renamed over the old one, so a crash never leaves a half-written
// account, and the CLI can register users while the server runs.
package store

import (
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jitsi-go/jitsi-go/xmppd/scram"
	"mellium.im/xmpp/jid"
)

// Iterations is the SCRAM iteration count used for new passwords.
const Iterations = 4096

// Account is what the store knows about one user.
type Account struct {
	Salt       []byte     `json:"salt"`
	Iterations int        `json:"iterations"`
	SHA1       scram.Keys `json:"scram_sha1"`
	SHA256     scram.Keys `json:"scram_sha256"`
}

// Store is a directory of accounts.
type Store struct {
	dir string
}

// Open returns the store under dir, creating it if needed.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "accounts"), 0o700); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return &Store{dir: dir}, nil
}

// Register creates or replaces the account user@host with password.
func (s *Store) Register(user, host, password string) error {
	p, err := s.path(user, host)
	if err != nil {
		return err
	}
	if password == "" {
		return fmt.Errorf("%w: empty password", ErrInvalid)
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return err
	}
	a := Account{Salt: salt, Iterations: Iterations,
		SHA1:   scram.DeriveKeys(sha1.New, []byte(password), salt, Iterations),
		SHA256: scram.DeriveKeys(sha256.New, []byte(password), salt, Iterations)}
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return writeAtomic(p, data)
}

// Delete removes user@host; deleting a missing account is ErrNotFound.
func (s *Store) Delete(user, host string) error {
	p, err := s.path(user, host)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: %s@%s", ErrNotFound, user, host)
		}
		return err
	}
	return syncDir(filepath.Dir(p))
}

// Lookup reads user@host from disk.
func (s *Store) Lookup(user, host string) (Account, error) {
	var a Account
	p, err := s.path(user, host)
	if err != nil {
		return a, err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return a, fmt.Errorf("%w: %s@%s", ErrNotFound, user, host)
	}
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal(data, &a); err != nil {
		return a, fmt.Errorf("%w: %s: %v", ErrCorrupt, p, err)
	}
	if len(a.Salt) == 0 || a.Iterations <= 0 || len(a.SHA1.StoredKey) == 0 || len(a.SHA256.StoredKey) == 0 {
		return a, fmt.Errorf("%w: %s: missing salt, iterations or SCRAM keys", ErrCorrupt, p)
	}
	return a, nil
}

// Keys returns the salt, iteration count and stored keys for a SCRAM
// mechanism name.
func (a Account) Keys(mechanism string) ([]byte, int, scram.Keys, error) {
	switch mechanism {
	case "SCRAM-SHA-1":
		return a.Salt, a.Iterations, a.SHA1, nil
	case "SCRAM-SHA-256":
		return a.Salt, a.Iterations, a.SHA256, nil
	}
	return nil, 0, scram.Keys{}, fmt.Errorf("%w: mechanism %s", ErrInvalid, mechanism)
}

func (s *Store) path(user, host string) (string, error) {
	j, err := jid.New(user, host, "")
	if err != nil || user == "" {
		return "", fmt.Errorf("%w: %q@%q", ErrInvalid, user, host)
	}
	return filepath.Join(s.dir, "accounts", fsName(j.Domainpart()), fsName(j.Localpart())+".json"), nil
}
