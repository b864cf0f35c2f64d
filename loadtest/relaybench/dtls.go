package relaybench

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/pion/dtls/v2"
	"github.com/pion/dtls/v2/pkg/crypto/selfsign"
	"github.com/pion/srtp/v2"
	"github.com/pion/transport/v2/deadline"
)

// dtlsPipe is the net.Conn pion/dtls runs on: records come from the peer's
// reader goroutine, writes go straight to the server.
type dtlsPipe struct {
	p      *peer
	closed chan struct{}
	once   sync.Once
	rd     *deadline.Deadline
}

type pipeTimeout struct{}

func (pipeTimeout) Error() string   { return "relaybench: dtls read deadline" }
func (pipeTimeout) Timeout() bool   { return true }
func (pipeTimeout) Temporary() bool { return true }

func (d *dtlsPipe) Read(b []byte) (int, error) {
	select {
	case r := <-d.p.dtlsIn:
		return copy(b, r), nil
	case <-d.closed:
		return 0, io.EOF
	case <-d.rd.Done():
		return 0, pipeTimeout{}
	}
}

func (d *dtlsPipe) Write(b []byte) (int, error) {
	if err := d.p.write(b); err != nil {
		return 0, err
	}
	return len(b), nil
}

func (d *dtlsPipe) Close() error {
	d.once.Do(func() { close(d.closed) })
	return nil
}

func (d *dtlsPipe) LocalAddr() net.Addr  { return net.UDPAddrFromAddrPort(d.p.local) }
func (d *dtlsPipe) RemoteAddr() net.Addr { return net.UDPAddrFromAddrPort(d.p.server) }

func (d *dtlsPipe) SetDeadline(t time.Time) error { return d.SetReadDeadline(t) }

func (d *dtlsPipe) SetReadDeadline(t time.Time) error {
	d.rd.Set(t)
	return nil
}

func (d *dtlsPipe) SetWriteDeadline(time.Time) error { return nil }

// identity is the generator's DTLS certificate and its sha-256 fingerprint.
type identity struct {
	cert        tls.Certificate
	fingerprint string
}

func newIdentity() (identity, error) {
	cert, err := selfsign.GenerateSelfSigned()
	if err != nil {
		return identity{}, fmt.Errorf("relaybench: certificate: %w", err)
	}
	return identity{cert: cert, fingerprint: fingerprintOf(cert.Certificate[0])}, nil
}

// fingerprintOf formats the sha-256 of a DER certificate as AB:CD:…
func fingerprintOf(der []byte) string {
	sum := sha256.Sum256(der)
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	parts := make([]string, 0, len(sum))
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}

// srtpKeys are one endpoint's SRTP contexts after the handshake.
type srtpKeys struct {
	send, recv *srtp.Context
	profile    srtp.ProtectionProfile
	conn       *dtls.Conn
}

// handshakeDTLS runs the DTLS client (setup "active") against the bridge,
// checks the bridge's certificate fingerprint and exports the SRTP keys
// (RFC 5764) as pion/webrtc does.
func (p *peer) handshakeDTLS(ctx context.Context, id identity) (*srtpKeys, error) {
	c := p.creds.Load()
	cfg := &dtls.Config{
		Certificates: []tls.Certificate{id.cert},
		SRTPProtectionProfiles: []dtls.SRTPProtectionProfile{
			dtls.SRTP_AEAD_AES_128_GCM, dtls.SRTP_AES128_CM_HMAC_SHA1_80,
		},
		InsecureSkipVerify:   true, // self-signed: the fingerprint is checked below
		ExtendedMasterSecret: dtls.RequireExtendedMasterSecret,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 || !strings.EqualFold(fingerprintOf(raw[0]), c.fingerprint) {
				return fmt.Errorf("%w: %s: bridge certificate fingerprint mismatch", ErrHandshake, p.id)
			}
			return nil
		},
	}
	pipe := &dtlsPipe{p: p, closed: make(chan struct{}), rd: deadline.New()}
	conn, err := dtls.ClientWithContext(ctx, pipe, cfg)
	if err != nil {
		_ = pipe.Close()
		return nil, fmt.Errorf("%w: %s: dtls: %v", handshakeErr(ctx), p.id, err)
	}
	keys, err := exportKeys(conn)
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("%w: %s: %v", ErrHandshake, p.id, err)
	}
	return keys, nil
}

func handshakeErr(ctx context.Context) error {
	if ctx.Err() != nil {
		return ErrHandshakeTimeout
	}
	return ErrHandshake
}

func exportKeys(conn *dtls.Conn) (*srtpKeys, error) {
	prof, ok := conn.SelectedSRTPProtectionProfile()
	if !ok {
		return nil, fmt.Errorf("no SRTP protection profile negotiated")
	}
	cfg := srtp.Config{Profile: srtp.ProtectionProfile(prof)}
	state := conn.ConnectionState()
	if err := cfg.ExtractSessionKeysFromDTLS(&state, true); err != nil {
		return nil, fmt.Errorf("srtp keys: %w", err)
	}
	k := cfg.Keys
	send, err := srtp.CreateContext(k.LocalMasterKey, k.LocalMasterSalt, cfg.Profile)
	if err != nil {
		return nil, fmt.Errorf("srtp context: %w", err)
	}
	recv, err := srtp.CreateContext(k.RemoteMasterKey, k.RemoteMasterSalt, cfg.Profile)
	if err != nil {
		return nil, fmt.Errorf("srtp context: %w", err)
	}
	return &srtpKeys{send: send, recv: recv, profile: cfg.Profile, conn: conn}, nil
}
