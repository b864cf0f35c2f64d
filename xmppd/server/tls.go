package server

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// loadTLS loads the configured pair, or the self-signed pair stored in the
// data directory, generating it on first start.
func (s *Server) loadTLS() (*tls.Config, error) {
	cert, key := s.cfg.TLSCert, s.cfg.TLSKey
	if cert == "" {
		cert = filepath.Join(s.cfg.DataDir, "tls", "self-signed.crt")
		key = filepath.Join(s.cfg.DataDir, "tls", "self-signed.key")
		if _, err := os.Stat(cert); errors.Is(err, fs.ErrNotExist) {
			if err := s.selfSign(cert, key); err != nil {
				return nil, err
			}
		}
	}
	pair, err := tls.LoadX509KeyPair(cert, key)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrTLS, cert, err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, nil
}

// ReloadTLS re-reads the certificate files (SIGHUP); on error the old
// configuration stays in use.
func (s *Server) ReloadTLS() error {
	c, err := s.loadTLS()
	if err != nil {
		return err
	}
	s.tls.Store(c)
	s.log.Info("TLS configuration reloaded")
	return nil
}

func (s *Server) currentTLS() *tls.Config { return s.tls.Load() }

func (s *Server) selfSign(certPath, keyPath string) error {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	var names []string
	for _, h := range s.cfg.Hosts {
		names = append(names, h.Name, "*."+h.Name)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: firstOr(names, "xmppd")},
		DNSNames: names, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(10, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		return err
	}
	kb, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(certPath), 0o700); err != nil {
		return err
	}
	if err := writeFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		return err
	}
	return writeFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
}

func writeFile(path string, data []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
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
	return os.Rename(tmp, path)
}

func firstOr(s []string, def string) string {
	if len(s) > 0 {
		return s[0]
	}
	return def
}
