package xmpp

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"

	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// Config describes how a Client logs in.
type Config struct {
	// Domain is the XMPP domain to log in to (the stream's to address).
	Domain string
	// Username and Password select SCRAM-SHA-256, SCRAM-SHA-1 or PLAIN; an
	// empty Username selects SASL ANONYMOUS.
	Username, Password string
	// Resource requested at bind time; empty lets the server choose.
	Resource string
	// TLS is used for STARTTLS when the server offers it; nil skips STARTTLS.
	TLS *tls.Config
	// OnStanza receives every stanza that is not a reply to SendIQ and not an
	// IQ request handled with Handle. It runs on the reader goroutine.
	OnStanza func(*Element)
	// QueueLen bounds the outgoing queue (default 256).
	QueueLen int
}

// IQHandler answers an IQ get or set; it returns the reply element.
type IQHandler func(iq *Element) *Element

// Client is one logged-in XMPP session with a reader and a writer goroutine.
type Client struct {
	cfg  Config
	t    Transport
	jid  jid.JID
	out  chan *Element
	done chan struct{}
	err  atomic.Value
	once sync.Once
	seq  atomic.Uint64

	mu       sync.Mutex
	pending  map[string]chan *Element
	handlers map[string]IQHandler
}

// DialTCP connects to addr over TCP and logs in.
func DialTCP(ctx context.Context, addr string, cfg Config) (*Client, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	return NewClient(ctx, NewTCPTransport(conn, cfg.Domain), cfg)
}

// DialWebSocket connects to a ws:// or wss:// URL and logs in.
func DialWebSocket(ctx context.Context, url string, cfg Config) (*Client, error) {
	t, err := DialWS(ctx, url, cfg.Domain)
	if err != nil {
		return nil, err
	}
	return NewClient(ctx, t, cfg)
}

// DialBOSH starts a BOSH session at url and logs in.
func DialBOSH(ctx context.Context, url string, cfg Config) (*Client, error) {
	return NewClient(ctx, NewBOSHTransport(url, cfg.Domain, nil), cfg)
}

// NewClient negotiates the stream on t and starts the session goroutines.
func NewClient(ctx context.Context, t Transport, cfg Config) (*Client, error) {
	j, err := negotiate(ctx, t, cfg)
	if err != nil {
		_ = t.Close()
		return nil, err
	}
	return start(t, j, cfg), nil
}

func start(t Transport, j jid.JID, cfg Config) *Client {
	if cfg.QueueLen <= 0 {
		cfg.QueueLen = 256
	}
	c := &Client{cfg: cfg, t: t, jid: j, out: make(chan *Element, cfg.QueueLen),
		done: make(chan struct{}), pending: map[string]chan *Element{}, handlers: map[string]IQHandler{}}
	c.handlers[NSPing+" ping"] = func(iq *Element) *Element { return Result(iq, nil) }
	go c.writeLoop()
	go c.readLoop()
	return c
}

// JID returns the full JID bound for this session.
func (c *Client) JID() jid.JID { return c.jid }

// Done is closed when the session ended; Err then tells why.
func (c *Client) Done() <-chan struct{} { return c.done }

// Err returns the error that ended the session, or nil.
func (c *Client) Err() error {
	if e, ok := c.err.Load().(error); ok {
		return e
	}
	return nil
}

// Handle registers h for IQ get/set requests whose payload is space/local.
func (c *Client) Handle(space, local string, h IQHandler) {
	c.mu.Lock()
	c.handlers[space+" "+local] = h
	c.mu.Unlock()
}

// Send queues e for writing; it blocks while the queue is full.
func (c *Client) Send(ctx context.Context, e *Element) error {
	select {
	case c.out <- e:
		return nil
	case <-c.done:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// NewID returns a session-unique stanza id.
func (c *Client) NewID() string { return "c" + strconv.FormatUint(c.seq.Add(1), 36) }

// SendIQ sends a get or set and waits for the matching result or error. An
// error reply is returned together with a mellium stanza.Error.
func (c *Client) SendIQ(ctx context.Context, iq *Element) (*Element, error) {
	if iq.Get("id") == "" {
		iq.SetAttr("id", c.NewID())
	}
	ch := make(chan *Element, 1)
	key := iqKey(iq.Get("to"), iq.Get("id"))
	c.mu.Lock()
	c.pending[key] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.pending, key)
		c.mu.Unlock()
	}()
	if err := c.Send(ctx, iq); err != nil {
		return nil, err
	}
	select {
	case r := <-ch:
		return r, StanzaError(r)
	case <-c.done:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// iqKey identifies a pending IQ by its peer and id. The peer is normalised
// (servers lower-case localparts and domains, so a reply from
// jvbbrewery@… answers an IQ sent to JvbBrewery@…).
func iqKey(peer, id string) string {
	if j, err := jid.Parse(peer); err == nil {
		peer = j.String()
	}
	return peer + "\x00" + id
}

// Close ends the stream and waits for nothing.
func (c *Client) Close() error {
	c.stop(ErrClosed)
	return nil
}

func (c *Client) stop(err error) {
	c.once.Do(func() {
		c.err.Store(err)
		close(c.done)
		_ = c.t.Close()
	})
}

func (c *Client) writeLoop() {
	for {
		select {
		case e := <-c.out:
			if err := c.t.Send(context.Background(), e); err != nil {
				c.stop(fmt.Errorf("write: %w", err))
				return
			}
		case <-c.done:
			return
		}
	}
}

func (c *Client) readLoop() {
	for {
		e, err := c.t.Recv()
		if err != nil {
			c.stop(err)
			return
		}
		c.dispatch(e)
	}
}

func (c *Client) dispatch(e *Element) {
	if e.Local == "iq" {
		switch e.Get("type") {
		case "result", "error":
			if c.deliverReply(e) {
				return
			}
		case "get", "set":
			c.serveIQ(e)
			return
		}
	}
	if c.cfg.OnStanza != nil {
		c.cfg.OnStanza(e)
	}
}

func (c *Client) deliverReply(e *Element) bool {
	from := e.Get("from")
	c.mu.Lock()
	ch, ok := c.pending[iqKey(from, e.Get("id"))]
	if !ok && (from == c.jid.Bare().String() || from == c.jid.Domain().String()) {
		ch, ok = c.pending[iqKey("", e.Get("id"))]
	}
	c.mu.Unlock()
	if ok {
		ch <- e
	}
	return ok
}

func (c *Client) serveIQ(e *Element) {
	var h IQHandler
	if p := e.FirstChild(); p != nil {
		c.mu.Lock()
		h = c.handlers[p.Space+" "+p.Local]
		c.mu.Unlock()
	}
	reply := ErrorReply(e, stanza.Error{Type: stanza.Cancel, Condition: stanza.ServiceUnavailable})
	if h != nil {
		reply = h(e)
	}
	if reply != nil {
		_ = c.Send(context.Background(), reply)
	}
}
