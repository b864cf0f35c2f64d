package sfu

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/pion/dtls/v2/pkg/crypto/selfsign"
)

// loadCertificate returns the DTLS certificate and its sha-256 fingerprint.
func loadCertificate(c *tls.Certificate) (tls.Certificate, string, error) {
	var cert tls.Certificate
	if c != nil {
		cert = *c
	} else {
		var err error
		if cert, err = selfsign.GenerateSelfSigned(); err != nil {
			return cert, "", fmt.Errorf("%w: certificate: %v", ErrInvalidConfig, err)
		}
	}
	if len(cert.Certificate) == 0 {
		return cert, "", fmt.Errorf("%w: empty certificate", ErrInvalidConfig)
	}
	if _, err := x509.ParseCertificate(cert.Certificate[0]); err != nil {
		return cert, "", fmt.Errorf("%w: certificate: %v", ErrInvalidConfig, err)
	}
	return cert, fingerprintSHA256(cert.Certificate[0]), nil
}

// fingerprintSHA256 formats the sha-256 of a DER certificate as AB:CD:...
func fingerprintSHA256(der []byte) string {
	sum := sha256.Sum256(der)
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	var b strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(h[i : i+2])
	}
	return b.String()
}

// verifyFingerprint checks the peer's leaf certificate against the
// fingerprints the focus signalled. Only sha-256 is accepted.
func verifyFingerprint(rawCerts [][]byte, want []Fingerprint) error {
	if len(rawCerts) == 0 {
		return fmt.Errorf("%w: no certificate", ErrFingerprint)
	}
	got := fingerprintSHA256(rawCerts[0])
	for _, f := range want {
		if strings.EqualFold(f.Hash, "sha-256") && strings.EqualFold(f.Value, got) {
			return nil
		}
	}
	return fmt.Errorf("%w: got sha-256 %s", ErrFingerprint, got)
}
