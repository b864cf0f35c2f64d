package xmpp

import (
	"context"
	"crypto/sha1"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"net"

	"mellium.im/xmpp/jid"
)

// ComponentTransport is an XEP-0114 external component stream.
type ComponentTransport struct {
	Name, Secret string
	conn         net.Conn
	r            *Reader
}

// Open sends the header, performs the handshake and returns an empty
// features element (components negotiate nothing else).
func (t *ComponentTransport) Open(ctx context.Context) (*Element, error) {
	defer watchCtx(ctx, t.conn)()
	hdr := fmt.Sprintf(`<?xml version='1.0'?><stream:stream xmlns='%s' xmlns:stream='%s' to='%s'>`,
		NSComponent, NSStream, t.Name)
	if _, err := t.conn.Write([]byte(hdr)); err != nil {
		return nil, err
	}
	t.r = NewReader(t.conn, 0)
	start, err := t.r.StreamStart()
	if err != nil {
		return nil, err
	}
	id := ""
	for _, a := range start.Attr {
		if a.Name.Local == "id" {
			id = a.Value
		}
	}
	sum := sha1.Sum([]byte(id + t.Secret))
	hs := NewElement(NSComponent, "handshake").AddText(hex.EncodeToString(sum[:]))
	if _, err := t.conn.Write(hs.Marshal(NSComponent)); err != nil {
		return nil, err
	}
	e, err := checkStreamError(t.r.ReadElement())
	if err != nil {
		return nil, fmt.Errorf("%w: handshake: %v", ErrAuth, err)
	}
	if e.Local != "handshake" {
		return nil, fmt.Errorf("%w: <%s/> instead of <handshake/>", ErrUnexpected, e.Local)
	}
	return NewElement(NSStream, "features"), nil
}

// StartTLS is not part of XEP-0114.
func (t *ComponentTransport) StartTLS(context.Context, *tls.Config) error {
	return fmt.Errorf("%w: STARTTLS on a component stream", ErrUnexpected)
}

// Send writes one stanza in the component namespace.
func (t *ComponentTransport) Send(ctx context.Context, e *Element) error {
	defer watchCtx(ctx, t.conn)()
	_, err := t.conn.Write(e.Marshal(NSClient))
	return err
}

// Recv reads one stanza; jabber:component:accept is mapped to jabber:client.
func (t *ComponentTransport) Recv() (*Element, error) {
	e, err := checkStreamError(t.r.ReadElement())
	if err == nil {
		e.Renamespace(NSComponent, NSClient)
	}
	return e, err
}

// Close ends the stream.
func (t *ComponentTransport) Close() error {
	_, _ = t.conn.Write([]byte("</stream:stream>"))
	return t.conn.Close()
}

// DialComponent connects an external component named name to addr. The
// returned Client's JID is the component domain; every stanza it sends must
// carry a from address in that domain.
func DialComponent(ctx context.Context, addr, name, secret string, cfg Config) (*Client, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	t := &ComponentTransport{Name: name, Secret: secret, conn: conn}
	if _, err := t.Open(ctx); err != nil {
		_ = conn.Close()
		return nil, err
	}
	j, err := jid.Parse(name)
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	return start(t, j, cfg), nil
}
