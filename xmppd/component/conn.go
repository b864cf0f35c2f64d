package component

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
	"mellium.im/xmpp/stream"
)

var errShutdown = stream.SystemShutdown

type conn struct {
	l    *Listener
	nc   net.Conn
	out  chan []byte
	done chan struct{}
	once sync.Once
	name string
	prev router.Sink
}

func newConn(l *Listener, nc net.Conn) *conn {
	return &conn{l: l, nc: nc, out: make(chan []byte, l.queueLen), done: make(chan struct{})}
}

// Deliver queues a stanza for the component (router.Sink).
func (c *conn) Deliver(e *xmpp.Element) bool {
	select {
	case c.out <- e.Marshal(xmpp.NSClient):
		return true
	case <-c.done:
		return false
	default:
		c.close(stream.PolicyViolation)
		return false
	}
}

func (c *conn) writeLoop() {
	w := bufio.NewWriter(c.nc)
	for {
		select {
		case b := <-c.out:
			if _, err := w.Write(b); err != nil {
				c.shutdown()
				return
			}
			if len(c.out) == 0 && w.Flush() != nil {
				c.shutdown()
				return
			}
		case <-c.done:
			return
		}
	}
}

func (c *conn) shutdown() {
	c.once.Do(func() {
		close(c.done)
		_ = c.nc.Close()
	})
}

// close writes a stream error (if any) and closes the connection.
func (c *conn) close(err error) {
	var se stream.Error
	if errors.As(err, &se) {
		if el, e := xmpp.FromTokens(se.TokenReader()); e == nil {
			_, _ = c.nc.Write(el.Marshal(xmpp.NSComponent))
		}
	}
	_, _ = c.nc.Write([]byte("</stream:stream>"))
	c.shutdown()
}

func (c *conn) serve() {
	log := c.l.log.With("remote", c.nc.RemoteAddr().String())
	err := c.run()
	if c.name != "" {
		if c.prev != nil {
			c.l.r.ReplaceService(c.name, c.prev)
		} else {
			c.l.r.RemoveService(c.name, c)
		}
		c.l.Connected.Add(-1)
		log.Info("component disconnected", "component", c.name, "err", err)
	}
	var se stream.Error
	switch {
	case errors.As(err, &se):
		c.close(se)
	case errors.Is(err, xmpp.ErrStanzaTooBig), errors.Is(err, xmpp.ErrTooDeep):
		c.close(stream.PolicyViolation)
	case errors.Is(err, xmpp.ErrRestrictedXML):
		c.close(stream.RestrictedXML)
	case err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, xmpp.ErrStreamClosed) && !errors.Is(err, net.ErrClosed):
		c.close(stream.NotWellFormed)
	default:
		c.close(nil)
	}
}

func (c *conn) run() error {
	r := xmpp.NewReader(bufio.NewReader(c.nc), c.l.maxStanza)
	hdr, err := r.StreamStart()
	if err != nil {
		return err
	}
	to := ""
	for _, a := range hdr.Attr {
		if a.Name.Local == "to" && a.Name.Space == "" {
			to = a.Value
		}
	}
	var id [8]byte
	_, _ = rand.Read(id[:])
	sid := hex.EncodeToString(id[:])
	fmt.Fprintf(c.nc, `<?xml version='1.0'?><stream:stream xmlns='%s' xmlns:stream='%s' id='%s' from='%s'>`,
		xmpp.NSComponent, xmpp.NSStream, sid, to)
	if err := c.handshake(r, to, sid); err != nil {
		return err
	}
	go c.writeLoop()
	return c.readStanzas(r)
}

func (c *conn) handshake(r *xmpp.Reader, to, sid string) error {
	secret, ok := c.l.secrets[to]
	if !ok {
		return stream.HostUnknown
	}
	e, err := r.ReadElement()
	if err != nil {
		return err
	}
	if e.Local != "handshake" || !handshakeOK(sid, secret, strings.TrimSpace(e.Text())) {
		return stream.NotAuthorized
	}
	if old := c.l.r.ReplaceService(to, c); old != nil {
		if _, isComp := old.(*conn); isComp {
			c.l.r.ReplaceService(to, old)
			return stream.Conflict
		}
		c.prev = old
	}
	c.name = to
	c.l.Connected.Add(1)
	_, err = c.nc.Write([]byte("<handshake/>"))
	c.l.log.Info("component connected", "component", to)
	return err
}

func (c *conn) readStanzas(r *xmpp.Reader) error {
	for {
		e, err := r.ReadElement()
		if err != nil {
			return err
		}
		if !xmpp.IsStanza(e) {
			return stream.UnsupportedStanzaType
		}
		from, err := e.From()
		if err != nil || (from.Domainpart() != c.name && !strings.HasSuffix(from.Domainpart(), "."+c.name)) {
			return stream.InvalidFrom
		}
		e.Renamespace(xmpp.NSComponent, xmpp.NSClient)
		c.l.r.Route(e)
	}
}
