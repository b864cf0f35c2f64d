// Package scram is the server side of SCRAM (RFC 5802, RFC 7677) that works
// from the stored keys alone: an account keeps StoredKey and ServerKey, as
// prosody's internal_hashed does, never the password or the salted password
// (either of which would let whoever reads the store log in).
//
// Channel binding is not offered (no -PLUS mechanisms): a client that asks
// for it ("p=") is refused; "y" and "n" are accepted.
package scram

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"

	"mellium.im/sasl"
)

// Errors a failed exchange reports.
var (
	ErrMalformed = errors.New("scram: malformed message")
	ErrAuth      = errors.New("scram: authentication failed")
)

// Keys are what the server stores for one account and one hash function.
type Keys struct {
	StoredKey []byte `json:"stored_key"`
	ServerKey []byte `json:"server_key"`
}

// Hash returns the hash function of a SCRAM mechanism name, or nil.
func Hash(mechanism string) func() hash.Hash {
	switch mechanism {
	case "SCRAM-SHA-1":
		return sha1.New
	case "SCRAM-SHA-256":
		return sha256.New
	}
	return nil
}

// DeriveKeys computes StoredKey and ServerKey from a password.
func DeriveKeys(h func() hash.Hash, password, salt []byte, iterations int) Keys {
	salted := sasl.SCRAMSaltPassword(h, password, salt, iterations)
	clientKey := mac(h, salted, "Client Key")
	stored := h()
	stored.Write(clientKey)
	return Keys{StoredKey: stored.Sum(nil), ServerKey: mac(h, salted, "Server Key")}
}

// Check verifies a plain password against stored keys (for SASL PLAIN).
func Check(h func() hash.Hash, password, salt []byte, iterations int, k Keys) bool {
	got := DeriveKeys(h, password, salt, iterations)
	return subtle.ConstantTimeCompare(got.StoredKey, k.StoredKey) == 1
}

// Lookup returns an account's salt, iteration count and keys for username
// (already unescaped). An error means no such account.
type Lookup func(username string) (salt []byte, iterations int, k Keys, err error)

// Server is one SCRAM exchange on the server side. Use Step for each client
// message until it reports done.
type Server struct {
	h      func() hash.Hash
	lookup Lookup
	// Nonce, if set before the first Step, is the server's nonce part (for
	// test vectors); otherwise a random one is made.
	Nonce string

	step                 int
	user, authz, gs2     string
	clientFirstBare, sfm string
	nonce                string
	keys                 Keys
	known                bool
}

// NewServer starts an exchange for mechanism hash h.
func NewServer(h func() hash.Hash, lookup Lookup) *Server {
	return &Server{h: h, lookup: lookup}
}

// Username is the authenticated user once the exchange succeeded.
func (s *Server) Username() string { return s.user }

// Authz is the authorization identity the client asked for, if any.
func (s *Server) Authz() string { return s.authz }

// Step takes one client message and returns the server's answer. done is true
// after the client's final message was verified; out then holds the server
// signature for the <success/> element.
func (s *Server) Step(in []byte) (out []byte, done bool, err error) {
	switch s.step {
	case 0:
		s.step++
		out, err = s.first(string(in))
		return out, false, err
	case 1:
		s.step++
		out, err = s.final(string(in))
		return out, err == nil, err
	}
	return nil, false, fmt.Errorf("%w: exchange already finished", ErrMalformed)
}

func mac(h func() hash.Hash, key []byte, msg string) []byte {
	m := hmac.New(h, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

func randomNonce() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawStdEncoding.EncodeToString(b)
}

// unescape decodes a SCRAM saslname (",", "=" escaped as =2C, =3D).
func unescape(s string) (string, error) {
	if strings.Contains(strings.NewReplacer("=2C", "", "=3D", "").Replace(s), "=") {
		return "", fmt.Errorf("%w: bad escape in name", ErrMalformed)
	}
	return strings.NewReplacer("=2C", ",", "=3D", "=").Replace(s), nil
}

func itoa(n int) string { return strconv.Itoa(n) }
