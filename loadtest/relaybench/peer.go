package relaybench

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/pion/srtp/v2"
)

// peer is one generator-side endpoint: a UDP socket on 127.0.0.1 with one
// reader goroutine that answers STUN, queues DTLS records and counts (and
// samples) the media it receives.
type peer struct {
	id, role string
	conn     *net.UDPConn
	local    netip.AddrPort
	server   netip.AddrPort
	secure   bool // bridge: ICE/DTLS/SRTP

	ufrag, pwd string
	creds      atomic.Pointer[iceCreds] // the server side, set after setup
	ice        iceState
	dtlsIn     chan []byte

	rx          atomic.Pointer[srtp.Context] // receiver: decrypts samples
	wantSSRC    uint32
	sampleEvery uint64
	scratch     []byte

	rtp, rtcp, verified, bad atomic.Uint64
	badErr                   atomic.Pointer[string]
	done                     chan struct{}
}

// iceCreds are the server side's ICE credentials and certificate.
type iceCreds struct {
	ufrag, pwd, fingerprint string
}

// peerConfig is what every peer of one step shares.
type peerConfig struct {
	server      netip.AddrPort
	secure      bool
	ssrc        uint32 // the sender's SSRC, checked in samples
	sampleEvery uint64
}

func newPeer(id, role string, pc peerConfig) (*peer, error) {
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, fmt.Errorf("relaybench: peer %s: %w", id, err)
	}
	_ = conn.SetReadBuffer(8 << 20)
	_ = conn.SetWriteBuffer(4 << 20)
	p := &peer{
		id: id, role: role, conn: conn, server: pc.server, secure: pc.secure,
		local:  conn.LocalAddr().(*net.UDPAddr).AddrPort(),
		dtlsIn: make(chan []byte, 64), wantSSRC: pc.ssrc, sampleEvery: max(pc.sampleEvery, 1),
		scratch: make([]byte, 2048), done: make(chan struct{}),
	}
	p.ice.init()
	if p.ufrag, err = randomToken(8); err == nil {
		p.pwd, err = randomToken(24)
	}
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	go p.readLoop()
	return p, nil
}

const tokenAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func randomToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("relaybench: random: %w", err)
	}
	for i := range b {
		b[i] = tokenAlphabet[int(b[i])%len(tokenAlphabet)]
	}
	return string(b), nil
}

func (p *peer) readLoop() {
	defer close(p.done)
	buf := make([]byte, 2048)
	for {
		n, from, err := p.conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		if n == 0 || netip.AddrPortFrom(from.Addr().Unmap(), from.Port()) != p.server {
			continue // only the server under test talks to us
		}
		p.handle(buf[:n])
	}
}

// handle demultiplexes one datagram by its first byte (RFC 7983).
func (p *peer) handle(b []byte) {
	switch c := b[0]; {
	case c <= 3:
		if p.secure {
			p.handleSTUN(b)
		}
	case c >= 20 && c <= 63:
		select {
		case p.dtlsIn <- append([]byte(nil), b...):
		default: // bounded; DTLS retransmits
		}
	case c >= 128 && c <= 191:
		if len(b) >= 2 && b[1] >= 192 && b[1] <= 223 {
			p.rtcp.Add(1)
			return
		}
		if n := p.rtp.Add(1); n%p.sampleEvery == 1 || p.sampleEvery == 1 {
			p.sample(b)
		}
	}
}

// sample decrypts (bridge) or parses (raw) one forwarded packet and checks
// that it carries the sender's SSRC and the generator's payload marker.
func (p *peer) sample(b []byte) {
	var err error
	if p.secure {
		ctx := p.rx.Load()
		if ctx == nil {
			return
		}
		b, err = ctx.DecryptRTP(p.scratch[:0], b, nil)
	}
	if err == nil {
		err = checkPayload(b, p.wantSSRC)
	}
	if err != nil {
		p.bad.Add(1)
		msg := err.Error()
		p.badErr.CompareAndSwap(nil, &msg)
		return
	}
	p.verified.Add(1)
}

// write sends b to the server.
func (p *peer) write(b []byte) error {
	_, err := p.conn.WriteToUDPAddrPort(b, p.server)
	return err
}

func (p *peer) close() {
	_ = p.conn.Close()
	<-p.done
}

// closeAll closes the peers in parallel and waits for their readers.
func closeAll(ps []*peer) {
	var wg sync.WaitGroup
	for _, p := range ps {
		wg.Add(1)
		go func() { defer wg.Done(); p.close() }()
	}
	wg.Wait()
}
