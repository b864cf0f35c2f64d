package c2s

import (
	"bytes"
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stream"
)

// outItem is one entry of a connection's bounded outgoing queue: bytes to
// write (a pooled stanza buffer or plain data) and the close and STARTTLS
// markers.
type outItem struct {
	buf      *bytes.Buffer // from MarshalPooled; released once written
	data     []byte
	startTLS bool
	close    bool
}

// bytes returns what the item writes.
func (it outItem) bytes() []byte {
	if it.buf != nil {
		return it.buf.Bytes()
	}
	return it.data
}

// tcpConn frames a Session as an RFC 6120 stream over TCP. The reader
// goroutine (serveConn) owns the Session; the writer goroutine (writeLoop,
// started by push while there is output) owns the socket's write side.
type tcpConn struct {
	env     *Env
	ns      string
	raw     net.Conn
	br      *connReader
	lim     *limiter
	out     *OutQueue[outItem]
	done    chan struct{}
	once    sync.Once
	tlsDone chan error // made by the reader when it asks for STARTTLS
	secure  atomic.Bool
	opened  atomic.Bool
	tlsSt   atomic.Pointer[tls.ConnectionState]
}

func newTCPConn(env *Env, conn net.Conn) *tcpConn {
	return &tcpConn{env: env, ns: xmpp.NSClient, raw: conn, br: newConnReader(conn),
		lim: newLimiter(env.Clock, env.Limits.RateBytes, env.Limits.RateBurst),
		out: NewOutQueue[outItem](env.Limits.QueueLen), done: make(chan struct{})}
}

// OpenStream queues the stream header and features.
func (c *tcpConn) OpenStream(id, from string, features *xmpp.Element) {
	hdr := fmt.Sprintf(`<?xml version='1.0'?><stream:stream xmlns='%s' xmlns:stream='%s' id='%s' from='%s' version='1.0' xml:lang='en'>`,
		c.ns, xmpp.NSStream, id, from)
	c.opened.Store(true)
	c.push(outItem{data: append([]byte(hdr), features.Marshal(c.ns)...)})
}

// Send queues one element.
func (c *tcpConn) Send(e *xmpp.Element) bool {
	b := MarshalPooled(e, xmpp.NSClient)
	if !c.push(outItem{buf: b}) {
		ReleaseStanza(b)
		return false
	}
	return true
}

func (c *tcpConn) push(it outItem) bool {
	select {
	case <-c.done:
		return false
	default:
	}
	ok, start := c.out.Push(it)
	if start {
		go c.writeLoop()
	}
	return ok
}

// Close queues the stream error (if any) and the closing tag.
func (c *tcpConn) Close(err error) {
	var b []byte
	var se stream.Error
	if errors.As(err, &se) && !c.opened.Load() {
		b = fmt.Appendf(b, `<?xml version='1.0'?><stream:stream xmlns='%s' xmlns:stream='%s' version='1.0'>`, c.ns, xmpp.NSStream)
	}
	if errors.As(err, &se) {
		if el, e := xmpp.FromTokens(se.TokenReader()); e == nil {
			b = append(b, el.Marshal(c.ns)...)
		}
	}
	b = append(b, "</stream:stream>"...)
	if !c.push(outItem{data: b, close: true}) {
		c.shutdown()
	}
}

func (c *tcpConn) shutdown() {
	c.once.Do(func() {
		close(c.done)
		c.out.Close()
		_ = c.raw.Close()
	})
}

// CanStartTLS is true on TCP.
func (c *tcpConn) CanStartTLS() bool { return true }

// Secure reports whether TLS is up.
func (c *tcpConn) Secure() bool { return c.secure.Load() }

// TLSState returns the TLS state once STARTTLS completed.
func (c *tcpConn) TLSState() *tls.ConnectionState { return c.tlsSt.Load() }

// ReadError maps a read error to the stream error to send, or nil for a
// clean or network close.
func ReadError(err error) error {
	var syn *xml.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, xmpp.ErrStreamClosed), errors.Is(err, net.ErrClosed):
		return nil
	case errors.As(err, &syn) && syn.Msg == "unexpected EOF":
		return nil // the connection dropped mid-stream: lost, not malformed
	case errors.Is(err, xmpp.ErrStanzaTooBig), errors.Is(err, xmpp.ErrTooDeep), errors.Is(err, errRate):
		return stream.PolicyViolation
	case errors.Is(err, xmpp.ErrRestrictedXML):
		return stream.RestrictedXML
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return stream.NotWellFormed
	case errors.Is(err, xmpp.ErrUnexpected):
		return stream.BadFormat
	}
	var se stream.Error
	if errors.As(err, &se) {
		return se
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return nil
	}
	return stream.NotWellFormed
}
