package sfu

import (
	"net"
	"net/netip"
	"sync"
	"testing"
)

// udpProxy sits between a test client and the bridge so tests can drop or
// capture datagrams. The bridge sees the proxy's bridge-side socket as the
// client's (peer-reflexive) address.
type udpProxy struct {
	client, bridge *net.UDPConn
	target         netip.AddrPort

	mu         sync.Mutex
	clientAddr netip.AddrPort
	dropDown   func([]byte) bool // bridge -> client; true drops
	dropUp     func([]byte) bool // client -> bridge; true drops
	captureUp  func([]byte) bool // client -> bridge; true captures
	captured   chan []byte
}

func newUDPProxy(t *testing.T, target netip.AddrPort) *udpProxy {
	t.Helper()
	lo := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}
	c, err := net.ListenUDP("udp4", lo)
	must(t, err)
	b, err := net.ListenUDP("udp4", lo)
	must(t, err)
	p := &udpProxy{client: c, bridge: b, target: target, captured: make(chan []byte, 16)}
	go p.up()
	go p.down()
	t.Cleanup(func() { c.Close(); b.Close() })
	return p
}

func (p *udpProxy) clientSide() netip.AddrPort { return p.client.LocalAddr().(*net.UDPAddr).AddrPort() }
func (p *udpProxy) bridgeSide() netip.AddrPort { return p.bridge.LocalAddr().(*net.UDPAddr).AddrPort() }

func (p *udpProxy) up() {
	buf := make([]byte, 2048)
	for {
		n, from, err := p.client.ReadFromUDPAddrPort(buf)
		if err != nil {
			return
		}
		p.mu.Lock()
		p.clientAddr = from
		capture, drop := p.captureUp, p.dropUp
		if drop != nil && drop(buf[:n]) {
			p.mu.Unlock()
			continue
		}
		p.mu.Unlock()
		if capture != nil && capture(buf[:n]) {
			select {
			case p.captured <- append([]byte(nil), buf[:n]...):
			default:
			}
		}
		_, _ = p.bridge.WriteToUDPAddrPort(buf[:n], p.target)
	}
}

func (p *udpProxy) down() {
	buf := make([]byte, 2048)
	for {
		n, _, err := p.bridge.ReadFromUDPAddrPort(buf)
		if err != nil {
			return
		}
		p.mu.Lock()
		to, drop := p.clientAddr, p.dropDown
		p.mu.Unlock()
		if drop != nil && drop(buf[:n]) {
			continue
		}
		if to.IsValid() {
			_, _ = p.client.WriteToUDPAddrPort(buf[:n], to)
		}
	}
}

// replay sends a datagram to the bridge from the proxy's bridge-side socket.
func (p *udpProxy) replay(b []byte) { _, _ = p.bridge.WriteToUDPAddrPort(b, p.target) }

// isRTPFrom matches a plaintext-header SRTP packet by SSRC and sequence.
func isRTPFrom(b []byte, ssrc uint32, seq uint16) bool {
	if len(b) < 12 || b[0]>>6 != 2 || isRTCP(b) {
		return false
	}
	return uint32(b[8])<<24|uint32(b[9])<<16|uint32(b[10])<<8|uint32(b[11]) == ssrc &&
		uint16(b[2])<<8|uint16(b[3]) == seq
}
