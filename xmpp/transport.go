package xmpp

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
)

// Transport carries one client stream. Implementations: TCP (RFC 6120),
// WebSocket (RFC 7395) and BOSH (XEP-0124/0206).
type Transport interface {
	// Open starts (or after SASL restarts) the stream and returns the
	// <stream:features/> element the server offered.
	Open(ctx context.Context) (*Element, error)
	// StartTLS upgrades the transport; only TCP supports it.
	StartTLS(ctx context.Context, cfg *tls.Config) error
	// Send writes one top-level element.
	Send(ctx context.Context, e *Element) error
	// Recv returns the next top-level element.
	Recv() (*Element, error)
	// Close ends the stream politely and releases the connection.
	Close() error
}

// TCPTransport is a client-to-server stream over TCP.
type TCPTransport struct {
	Domain    string
	MaxStanza int64
	conn      net.Conn
	r         *Reader
	secure    bool
}

// NewTCPTransport wraps an established connection to a server for domain.
func NewTCPTransport(conn net.Conn, domain string) *TCPTransport {
	return &TCPTransport{Domain: domain, conn: conn}
}

// Open sends a stream header and reads the server's header and features.
func (t *TCPTransport) Open(ctx context.Context) (*Element, error) {
	defer watchCtx(ctx, t.conn)()
	hdr := fmt.Sprintf(`<?xml version='1.0'?><stream:stream xmlns='%s' xmlns:stream='%s' to='%s' version='1.0'>`,
		NSClient, NSStream, t.Domain)
	if _, err := t.conn.Write([]byte(hdr)); err != nil {
		return nil, err
	}
	t.r = NewReader(t.conn, t.MaxStanza)
	if _, err := t.r.StreamStart(); err != nil {
		return nil, err
	}
	return expectFeatures(t.r.ReadElement())
}

// StartTLS negotiates STARTTLS and reopens nothing; call Open afterwards.
func (t *TCPTransport) StartTLS(ctx context.Context, cfg *tls.Config) error {
	if err := t.Send(ctx, NewElement(NSTLS, "starttls")); err != nil {
		return err
	}
	e, err := t.Recv()
	if err != nil {
		return err
	}
	if !e.Is(NSTLS, "proceed") {
		return fmt.Errorf("%w: <%s/> instead of <proceed/>", ErrUnexpected, e.Local)
	}
	c := cfg.Clone()
	if c.ServerName == "" {
		c.ServerName = t.Domain
	}
	tc := tls.Client(t.conn, c)
	if err := tc.HandshakeContext(ctx); err != nil {
		return err
	}
	t.conn, t.secure = tc, true
	return nil
}

// Send writes one element.
func (t *TCPTransport) Send(ctx context.Context, e *Element) error {
	defer watchCtx(ctx, t.conn)()
	_, err := t.conn.Write(e.Marshal(NSClient))
	return err
}

// Recv reads one element; stream errors are returned as errors.
func (t *TCPTransport) Recv() (*Element, error) { return checkStreamError(t.r.ReadElement()) }

// Close sends the closing stream tag and closes the connection.
func (t *TCPTransport) Close() error {
	_, _ = t.conn.Write([]byte("</stream:stream>"))
	return t.conn.Close()
}

func expectFeatures(e *Element, err error) (*Element, error) {
	e, err = checkStreamError(e, err)
	if err != nil {
		return nil, err
	}
	if !e.Is(NSStream, "features") {
		return nil, fmt.Errorf("%w: <%s/> instead of <stream:features/>", ErrUnexpected, e.Local)
	}
	return e, nil
}

func checkStreamError(e *Element, err error) (*Element, error) {
	if err != nil {
		return nil, err
	}
	if e.Is(NSStream, "error") {
		cond := "undefined-condition"
		if c := e.FirstChild(); c != nil {
			cond = c.Local
		}
		return nil, fmt.Errorf("%w: %s", ErrStreamError, cond)
	}
	return e, nil
}

// watchCtx closes conn's deadline when ctx ends during a blocking call.
func watchCtx(ctx context.Context, conn net.Conn) func() {
	if ctx.Done() == nil {
		return func() {}
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(aLongTimeAgo) })
	return func() { stop() }
}
