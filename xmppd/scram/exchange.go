package scram

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
)

// first handles client-first-message: gs2-header client-first-message-bare.
func (s *Server) first(msg string) ([]byte, error) {
	cb, rest, ok := strings.Cut(msg, ",")
	if !ok {
		return nil, fmt.Errorf("%w: no gs2 header", ErrMalformed)
	}
	switch {
	case cb == "n" || cb == "y":
	case strings.HasPrefix(cb, "p="):
		return nil, fmt.Errorf("%w: channel binding requested but not offered", ErrAuth)
	default:
		return nil, fmt.Errorf("%w: gs2 flag %q", ErrMalformed, cb)
	}
	authz, bare, ok := strings.Cut(rest, ",")
	if !ok {
		return nil, fmt.Errorf("%w: no authzid field", ErrMalformed)
	}
	if authz != "" {
		a, found := strings.CutPrefix(authz, "a=")
		if !found {
			return nil, fmt.Errorf("%w: authzid %q", ErrMalformed, authz)
		}
		var err error
		if s.authz, err = unescape(a); err != nil {
			return nil, err
		}
	}
	s.gs2 = cb + "," + authz + ","
	fields := strings.Split(bare, ",")
	if len(fields) < 2 || !strings.HasPrefix(fields[0], "n=") || !strings.HasPrefix(fields[1], "r=") {
		return nil, fmt.Errorf("%w: client-first-message-bare %q", ErrMalformed, bare)
	}
	user, err := unescape(fields[0][2:])
	if err != nil || user == "" {
		return nil, fmt.Errorf("%w: username", ErrMalformed)
	}
	cnonce := fields[1][2:]
	if cnonce == "" || strings.ContainsAny(cnonce, ",") {
		return nil, fmt.Errorf("%w: client nonce", ErrMalformed)
	}
	salt, iter, keys, lerr := s.lookup(user)
	if lerr != nil {
		// Carry on with keys no proof can match, so an unknown user looks
		// like a wrong password.
		salt, iter, keys = bytes.Repeat([]byte{0}, 16), 4096, Keys{StoredKey: []byte{}, ServerKey: []byte{}}
	}
	s.user, s.keys, s.known = user, keys, lerr == nil
	if s.Nonce == "" {
		s.Nonce = randomNonce()
	}
	s.clientFirstBare = bare
	s.nonce = cnonce + s.Nonce
	s.sfm = "r=" + s.nonce + ",s=" + base64.StdEncoding.EncodeToString(salt) + ",i=" + itoa(iter)
	return []byte(s.sfm), nil
}

// final handles client-final-message and returns "v=ServerSignature".
func (s *Server) final(msg string) ([]byte, error) {
	withoutProof, proofField, ok := cutLast(msg, ",p=")
	if !ok {
		return nil, fmt.Errorf("%w: no proof", ErrMalformed)
	}
	fields := strings.Split(withoutProof, ",")
	if len(fields) < 2 || !strings.HasPrefix(fields[0], "c=") || !strings.HasPrefix(fields[1], "r=") {
		return nil, fmt.Errorf("%w: client-final-message %q", ErrMalformed, withoutProof)
	}
	if fields[0][2:] != base64.StdEncoding.EncodeToString([]byte(s.gs2)) {
		return nil, fmt.Errorf("%w: channel binding data does not match the gs2 header", ErrAuth)
	}
	if fields[1][2:] != s.nonce {
		return nil, fmt.Errorf("%w: nonce mismatch", ErrAuth)
	}
	proof, err := base64.StdEncoding.DecodeString(proofField)
	if err != nil {
		return nil, fmt.Errorf("%w: proof encoding", ErrMalformed)
	}
	auth := s.clientFirstBare + "," + s.sfm + "," + withoutProof
	sig := mac(s.h, s.keys.StoredKey, auth)
	if !s.known || len(proof) != len(sig) {
		return nil, ErrAuth
	}
	clientKey := make([]byte, len(sig))
	for i := range sig {
		clientKey[i] = proof[i] ^ sig[i]
	}
	h := s.h()
	h.Write(clientKey)
	if subtle.ConstantTimeCompare(h.Sum(nil), s.keys.StoredKey) != 1 {
		return nil, ErrAuth
	}
	return []byte("v=" + base64.StdEncoding.EncodeToString(mac(s.h, s.keys.ServerKey, auth))), nil
}

// cutLast splits s around the last sep.
func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
