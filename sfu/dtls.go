package sfu

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/pion/dtls/v2"
	"github.com/pion/rtp"
	"github.com/pion/srtp/v2"
	"github.com/pion/transport/v2/deadline"
)

const dtlsQueue = 64

// dtlsPipe is the net.Conn pion/dtls runs on: records come from the shared
// socket's reader, writes go to the endpoint's selected remote address.
type dtlsPipe struct {
	ep           *Endpoint
	in           chan []byte
	closed       chan struct{}
	once         sync.Once
	readDeadline *deadline.Deadline // pion/dtls interrupts reads with it
}

func newDTLSPipe(ep *Endpoint) *dtlsPipe {
	return &dtlsPipe{ep: ep, in: make(chan []byte, dtlsQueue), closed: make(chan struct{}), readDeadline: deadline.New()}
}

// errPipeTimeout is the net.Error a read past the deadline returns.
type errPipeTimeout struct{}

func (errPipeTimeout) Error() string   { return "sfu: dtls pipe read deadline exceeded" }
func (errPipeTimeout) Timeout() bool   { return true }
func (errPipeTimeout) Temporary() bool { return true }

func (p *dtlsPipe) push(b []byte) {
	select {
	case p.in <- append([]byte(nil), b...):
	default: // bounded: a flood of records is dropped, the handshake retransmits
	}
}

func (p *dtlsPipe) Read(b []byte) (int, error) {
	select {
	case d := <-p.in:
		return copy(b, d), nil
	case <-p.closed:
		return 0, io.EOF
	case <-p.readDeadline.Done():
		return 0, errPipeTimeout{}
	}
}

func (p *dtlsPipe) Write(b []byte) (int, error) {
	addr := p.ep.selected.Load()
	if addr == nil {
		return 0, ErrNotConnected
	}
	if err := p.ep.sfu.writeTo(b, *addr); err != nil {
		return 0, err
	}
	return len(b), nil
}

func (p *dtlsPipe) Close() error {
	p.once.Do(func() { close(p.closed) })
	return nil
}

func (p *dtlsPipe) LocalAddr() net.Addr { return net.UDPAddrFromAddrPort(p.ep.sfu.local) }

func (p *dtlsPipe) RemoteAddr() net.Addr {
	if a := p.ep.selected.Load(); a != nil {
		return net.UDPAddrFromAddrPort(*a)
	}
	return &net.UDPAddr{}
}

func (p *dtlsPipe) SetDeadline(t time.Time) error { return p.SetReadDeadline(t) }

func (p *dtlsPipe) SetReadDeadline(t time.Time) error {
	p.readDeadline.Set(t)
	return nil
}

// SetWriteDeadline is a no-op: writes never block.
func (p *dtlsPipe) SetWriteDeadline(time.Time) error { return nil }

// handleDTLS queues a DTLS record from the reader goroutine.
func (ep *Endpoint) handleDTLS(b []byte, _ netip.AddrPort) { ep.dtlsPipe.push(b) }

func (ep *Endpoint) dtlsConfig() *dtls.Config {
	return &dtls.Config{
		Certificates: []tls.Certificate{ep.sfu.cert},
		SRTPProtectionProfiles: []dtls.SRTPProtectionProfile{
			dtls.SRTP_AEAD_AES_128_GCM, dtls.SRTP_AES128_CM_HMAC_SHA1_80,
		},
		ClientAuth:           dtls.RequireAnyClientCert,
		InsecureSkipVerify:   true, // self-signed: the fingerprint is what is verified
		ExtendedMasterSecret: dtls.RequireExtendedMasterSecret,
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			return verifyFingerprint(raw, ep.remoteFingerprints())
		},
	}
}

// startDTLS runs the handshake once ICE selected a pair. Called with ep.mu held.
func (ep *Endpoint) startDTLS() {
	if ep.dtlsStarted {
		return
	}
	ep.dtlsStarted = true
	ep.setState(TransportConnecting, nil)
	ep.sfu.wg.Add(1)
	go func() {
		defer ep.sfu.wg.Done()
		if err := ep.runDTLS(); err != nil && !ep.expired.Load() {
			ep.setState(TransportFailed, err)
		}
	}()
}

func (ep *Endpoint) runDTLS() error {
	ctx, cancel := context.WithTimeout(ep.ctx, ep.sfu.cfg.DTLSTimeout)
	defer cancel()
	client := ep.remoteSetup() == "passive"
	var conn *dtls.Conn
	var err error
	if client {
		conn, err = dtls.ClientWithContext(ctx, ep.dtlsPipe, ep.dtlsConfig())
	} else {
		conn, err = dtls.ServerWithContext(ctx, ep.dtlsPipe, ep.dtlsConfig())
	}
	if err != nil {
		return fmt.Errorf("sfu: dtls handshake: %w", err)
	}
	tr, err := newSRTPTransport(conn, client)
	if err != nil {
		_ = conn.Close()
		return err
	}
	ep.mu.Lock()
	if ep.expired.Load() {
		ep.mu.Unlock()
		_ = conn.Close()
		return ErrExpired
	}
	ep.dtlsConn = conn
	ep.tr.Store(tr)
	ep.mu.Unlock()
	ep.setState(TransportConnected, nil)
	return nil
}

// srtpTransport holds the SRTP contexts of a connected endpoint. With
// AEAD_AES_128_GCM, RTP goes through the allocation-free gcmRTP and pion's
// contexts only carry RTCP.
type srtpTransport struct {
	in      *srtp.Context // reader goroutine only
	out     *srtp.Context // guarded by Endpoint.sendMu
	gcmIn   *gcmRTP       // reader goroutine only; nil unless GCM
	gcmOut  *gcmRTP       // guarded by Endpoint.sendMu; nil unless GCM
	profile srtp.ProtectionProfile
}

func newSRTPTransport(conn *dtls.Conn, client bool) (*srtpTransport, error) {
	p, ok := conn.SelectedSRTPProtectionProfile()
	if !ok {
		return nil, ErrUnsupportedProfile
	}
	profile := srtp.ProtectionProfile(p)
	cfg := srtp.Config{Profile: profile}
	state := conn.ConnectionState()
	if err := cfg.ExtractSessionKeysFromDTLS(&state, client); err != nil {
		return nil, fmt.Errorf("sfu: srtp keys: %w", err)
	}
	k := cfg.Keys
	return transportFromKeys(profile, k.LocalMasterKey, k.LocalMasterSalt, k.RemoteMasterKey, k.RemoteMasterSalt)
}

func transportFromKeys(profile srtp.ProtectionProfile, localKey, localSalt, remoteKey, remoteSalt []byte) (*srtpTransport, error) {
	in, err := srtp.CreateContext(remoteKey, remoteSalt, profile,
		srtp.SRTPReplayDetectorFactory(newReplayWindow), srtp.SRTCPReplayDetectorFactory(newReplayWindow))
	if err != nil {
		return nil, fmt.Errorf("sfu: srtp context: %w", err)
	}
	out, err := srtp.CreateContext(localKey, localSalt, profile)
	if err != nil {
		return nil, fmt.Errorf("sfu: srtp context: %w", err)
	}
	tr := &srtpTransport{in: in, out: out, profile: profile}
	if profile == srtp.ProtectionProfileAeadAes128Gcm {
		if tr.gcmIn, err = newGCMRTP(remoteKey, remoteSalt, true); err != nil {
			return nil, fmt.Errorf("sfu: srtp context: %w", err)
		}
		if tr.gcmOut, err = newGCMRTP(localKey, localSalt, false); err != nil {
			return nil, fmt.Errorf("sfu: srtp context: %w", err)
		}
	}
	return tr, nil
}

// decryptRTP decrypts in place and fills h. Reader goroutine only.
func (tr *srtpTransport) decryptRTP(pkt []byte, h *rtp.Header) ([]byte, error) {
	if tr.gcmIn == nil {
		return tr.in.DecryptRTP(pkt, pkt, h)
	}
	plain, err := tr.gcmIn.decrypt(pkt)
	if err != nil {
		return nil, err
	}
	if _, err := h.Unmarshal(plain); err != nil {
		return nil, err
	}
	return plain, nil
}

// encryptRTP encrypts into dst. Called with Endpoint.sendMu held.
func (tr *srtpTransport) encryptRTP(dst, plain []byte, h *rtp.Header) ([]byte, error) {
	if tr.gcmOut == nil {
		return tr.out.EncryptRTP(dst, plain, h)
	}
	return tr.gcmOut.encrypt(dst, plain)
}
