package xmpp

import (
	"context"
	"crypto/tls"
	"fmt"
	"time"

	"nhooyr.io/websocket"
)

var aLongTimeAgo = time.Unix(1, 0)

// WSTransport is RFC 7395 XMPP over WebSocket: one element per text frame.
type WSTransport struct {
	Domain string
	conn   *websocket.Conn
	ctx    context.Context
	cancel context.CancelFunc
}

// DialWS opens a WebSocket with the "xmpp" subprotocol to url.
func DialWS(ctx context.Context, url, domain string) (*WSTransport, error) {
	c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{Subprotocols: []string{"xmpp"}})
	if err != nil {
		return nil, err
	}
	if c.Subprotocol() != "xmpp" {
		_ = c.Close(websocket.StatusProtocolError, "no xmpp subprotocol")
		return nil, fmt.Errorf("%w: server did not select the xmpp subprotocol", ErrUnexpected)
	}
	c.SetReadLimit(DefaultMaxStanza)
	rctx, cancel := context.WithCancel(context.Background())
	return &WSTransport{Domain: domain, conn: c, ctx: rctx, cancel: cancel}, nil
}

// Open sends <open/> and reads the server's <open/> and features.
func (t *WSTransport) Open(ctx context.Context) (*Element, error) {
	open := NewElement(NSFraming, "open", "to", t.Domain, "version", "1.0")
	if err := t.Send(ctx, open); err != nil {
		return nil, err
	}
	e, err := t.Recv()
	if err != nil {
		return nil, err
	}
	if !e.Is(NSFraming, "open") {
		return nil, fmt.Errorf("%w: <%s/> instead of <open/>", ErrUnexpected, e.Local)
	}
	return expectFeatures(t.Recv())
}

// StartTLS is not available on WebSocket (use wss://).
func (t *WSTransport) StartTLS(context.Context, *tls.Config) error {
	return fmt.Errorf("%w: STARTTLS over WebSocket", ErrUnexpected)
}

// Send writes e as one text frame.
func (t *WSTransport) Send(ctx context.Context, e *Element) error {
	return t.conn.Write(ctx, websocket.MessageText, e.Marshal(""))
}

// Recv reads one frame and parses it as one element.
func (t *WSTransport) Recv() (*Element, error) {
	_, data, err := t.conn.Read(t.ctx)
	if err != nil {
		return nil, err
	}
	e, err := ParseElement(data)
	if err != nil {
		return nil, err
	}
	if e.Is(NSFraming, "close") {
		return nil, ErrStreamClosed
	}
	return checkStreamError(e, nil)
}

// Close sends <close/> and closes the WebSocket.
func (t *WSTransport) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = t.Send(ctx, NewElement(NSFraming, "close"))
	t.cancel()
	return t.conn.Close(websocket.StatusNormalClosure, "")
}
