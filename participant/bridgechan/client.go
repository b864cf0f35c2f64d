package bridgechan

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"nhooyr.io/websocket"
)

var (
	// ErrClosed is returned once the channel is closed.
	ErrClosed = errors.New("bridgechan: closed")
	// ErrBadMessage is a message that is not a JSON object with a colibriClass.
	ErrBadMessage = errors.New("bridgechan: bad message")
)

// Options tune Dial.
type Options struct {
	// Insecure skips certificate verification for wss URLs (test bridges
	// with self-signed certificates).
	Insecure bool
	// Queue bounds the Messages channel (default 64); when the caller does
	// not keep up, the oldest message is dropped and counted.
	Queue int
}

// conn is the channel's transport: the colibri websocket or the SCTP data
// channel.
type conn interface {
	Read(ctx context.Context) ([]byte, error)
	Write(ctx context.Context, b []byte) error
	Close() error
}

// Client is one bridge channel: one reader goroutine; writes are serialized
// by the transport.
type Client struct {
	conn  conn
	msgs  chan Message
	hello chan struct{}
	done  chan struct{}

	mu        sync.Mutex
	err       error
	forwarded []string
	speaker   DominantSpeaker
	dropped   int
}

// Dial connects to the colibri websocket URL from the session-initiate's
// transport and starts reading. The connection ends when ctx ends or Close.
func Dial(ctx context.Context, url string, opt Options) (*Client, error) {
	hc := http.DefaultClient
	if opt.Insecure {
		hc = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} //nolint:gosec // test bridges
	}
	conn, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPClient: hc})
	if err != nil {
		return nil, fmt.Errorf("bridgechan: dial %s: %w", url, err)
	}
	conn.SetReadLimit(1 << 20)
	return start(ctx, wsConn{conn}, opt), nil
}

func start(ctx context.Context, cn conn, opt Options) *Client {
	if opt.Queue <= 0 {
		opt.Queue = 64
	}
	c := &Client{conn: cn, msgs: make(chan Message, opt.Queue), hello: make(chan struct{}), done: make(chan struct{})}
	go c.readLoop(ctx)
	return c
}

// wsConn adapts a websocket to conn.
type wsConn struct{ c *websocket.Conn }

func (w wsConn) Read(ctx context.Context) ([]byte, error) {
	_, b, err := w.c.Read(ctx)
	return b, err
}

func (w wsConn) Write(ctx context.Context, b []byte) error {
	return w.c.Write(ctx, websocket.MessageText, b)
}

func (w wsConn) Close() error { return w.c.Close(websocket.StatusNormalClosure, "") }

// Messages delivers every received message; it is closed when the
// connection ends.
func (c *Client) Messages() <-chan Message { return c.msgs }

// Hello is closed once ServerHello has arrived.
func (c *Client) Hello() <-chan struct{} { return c.hello }

// Done is closed when the connection has ended; Err says why.
func (c *Client) Done() <-chan struct{} { return c.done }

// Err returns why the connection ended, or nil while it runs.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Forwarded returns the latest ForwardedSources.
func (c *Client) Forwarded() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.forwarded...)
}

// DominantSpeaker returns the latest dominant speaker event.
func (c *Client) DominantSpeaker() DominantSpeaker {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.speaker
}

// Dropped counts messages dropped because Messages was full.
func (c *Client) Dropped() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dropped
}

// SendConstraints sends ReceiverVideoConstraints.
func (c *Client) SendConstraints(ctx context.Context, rvc ReceiverVideoConstraints) error {
	return c.send(ctx, ClassReceiverVideoConstraints, rvc)
}

// SendEndpointMessage sends payload to endpoint to ("" for everyone).
func (c *Client) SendEndpointMessage(ctx context.Context, to string, payload any) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("bridgechan: endpoint message payload: %w", err)
	}
	return c.send(ctx, ClassEndpointMessage, EndpointMessage{To: to, Payload: raw})
}

// SendVideoType sends SourceVideoTypeMessage for one of our sources.
func (c *Client) SendVideoType(ctx context.Context, source, videoType string) error {
	return c.send(ctx, ClassSourceVideoType, SourceVideoType{SourceName: source, VideoType: videoType})
}

func (c *Client) send(ctx context.Context, class string, v any) error {
	select {
	case <-c.done:
		return ErrClosed
	default:
	}
	b, err := encode(class, v)
	if err != nil {
		return fmt.Errorf("bridgechan: encode %s: %w", class, err)
	}
	if err := c.conn.Write(ctx, b); err != nil {
		return fmt.Errorf("bridgechan: send %s: %w", class, err)
	}
	return nil
}

// Close ends the connection normally.
func (c *Client) Close() error {
	err := c.conn.Close()
	<-c.done
	return err
}
