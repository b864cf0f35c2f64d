package participant

import (
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/pion/ice/v2"
	"github.com/pion/logging"
	"github.com/pion/webrtc/v3"
)

// cutConn is the session's own UDP socket (Config.OwnSocket): ICE reads and
// writes through it, and CutNetwork makes it drop every packet both ways
// for a while, or closes it for good.
type cutConn struct {
	net.PacketConn
	now func() time.Time

	mu    sync.Mutex
	until time.Time // packets are dropped before this moment
}

// dropping reports whether packets are being dropped now.
func (c *cutConn) dropping() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.until.IsZero() && c.now().Before(c.until)
}

// ReadFrom returns the next packet that arrives while not dropping.
func (c *cutConn) ReadFrom(b []byte) (int, net.Addr, error) {
	for {
		n, addr, err := c.PacketConn.ReadFrom(b)
		if err != nil || !c.dropping() {
			return n, addr, err
		}
	}
}

// WriteTo sends b, or pretends to while dropping (as a cut cable would).
func (c *cutConn) WriteTo(b []byte, addr net.Addr) (int, error) {
	if c.dropping() {
		return len(b), nil
	}
	return c.PacketConn.WriteTo(b, addr)
}

// drop makes the socket drop everything for d from now.
func (c *cutConn) drop(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.until = c.now().Add(d)
}

// ownSocket opens the session's UDP socket on the first IPv4 address allow
// accepts (127.0.0.1 when allow is nil) and returns it with the ICE mux
// over it.
func ownSocket(allow func(net.IP) bool, now func() time.Time) (*cutConn, ice.UDPMux, error) {
	ip, err := socketIP(allow)
	if err != nil {
		return nil, nil, err
	}
	pc, err := net.ListenUDP("udp4", &net.UDPAddr{IP: ip})
	if err != nil {
		return nil, nil, fmt.Errorf("%w: own socket: %v", ErrNegotiation, err)
	}
	c := &cutConn{PacketConn: pc, now: now}
	quiet := logging.NewDefaultLeveledLoggerForScope("ice-mux", logging.LogLevelDisabled, io.Discard)
	return c, webrtc.NewICEUDPMux(quiet, c), nil
}

// socketIP is 127.0.0.1 for a nil filter, else the first IPv4 interface
// address the filter accepts.
func socketIP(allow func(net.IP) bool) (net.IP, error) {
	if allow == nil {
		return net.IPv4(127, 0, 0, 1), nil
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil, fmt.Errorf("%w: own socket: %v", ErrNegotiation, err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && allow(n.IP) {
			return n.IP.To4(), nil
		}
	}
	return nil, fmt.Errorf("%w: own socket: no IPv4 address passes the AllowIP filter", ErrNegotiation)
}

// CutNetwork cuts the session's media network, which needs Config.OwnSocket:
// for d > 0 every packet is dropped both ways for d (then traffic resumes
// on the same ICE pair), for d <= 0 the socket is closed for good. It is
// ErrNoSocket without an own socket and ErrState before session-initiate.
func (s *Session) CutNetwork(d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.cfg.OwnSocket {
		return ErrNoSocket
	}
	if s.sock == nil {
		return fmt.Errorf("%w: network cut before session-initiate", ErrState)
	}
	if s.closed {
		return ErrClosed
	}
	if d > 0 {
		s.sock.drop(d)
		return nil
	}
	return s.sock.PacketConn.Close()
}
