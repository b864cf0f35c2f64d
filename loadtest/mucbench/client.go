package mucbench

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strconv"
	"time"
)

// client is one occupant: a plain-TCP c2s stream, SASL ANONYMOUS, bound and
// joined to the room. Login and join run on the caller's goroutine; after
// the join a single reader goroutine (readLoop) owns the Stream, and only
// the sending goroutine writes.
type client struct {
	id   int
	conn net.Conn
	st   *Stream
	out  []byte // reused write buffer
	done chan struct{}
	tally
}

// target says where the clients log in and which room they join.
type target struct {
	addr, domain, room string // room is the bare room JID
}

// occupant is client id's occupant JID.
func (t target) occupant(id int) string { return t.room + "/n" + strconv.Itoa(id) }

// join dials t, logs in anonymously and joins the room; it returns once the
// server has sent the client's own presence back (or ctx ends).
func join(ctx context.Context, t target, id int) (*client, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", t.addr)
	if err != nil {
		return nil, fmt.Errorf("mucbench: client %d: %w", id, err)
	}
	c := &client{id: id, conn: conn, st: NewStream(conn, 4096, 1<<20, nil), done: make(chan struct{})}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if err := c.login(t); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("mucbench: client %d: %w", id, err)
	}
	if err := c.enter(t); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("mucbench: client %d: %w", id, err)
	}
	return c, nil
}

// login opens the stream, authenticates with ANONYMOUS and binds a resource.
func (c *client) login(t target) error {
	if err := c.open(t.domain); err != nil {
		return err
	}
	f, err := c.expect("stream:features")
	if err != nil {
		return err
	}
	if !bytes.Contains(f.Raw, []byte(">ANONYMOUS<")) {
		return fmt.Errorf("%w: no SASL ANONYMOUS in %s", ErrProtocol, clip(f.Raw))
	}
	if err := c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>"); err != nil {
		return err
	}
	if _, err := c.expect("success"); err != nil {
		return err
	}
	if err := c.open(t.domain); err != nil {
		return err
	}
	if _, err := c.expect("stream:features"); err != nil {
		return err
	}
	if err := c.send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>"); err != nil {
		return err
	}
	iq, err := c.expect("iq")
	if err != nil {
		return err
	}
	if string(attr(iq.Raw, "type")) != "result" {
		return fmt.Errorf("%w: bind answered %s", ErrProtocol, clip(iq.Raw))
	}
	return nil
}

// enter sends the MUC join presence and waits for the self-presence.
func (c *client) enter(t target) error {
	me := t.occupant(c.id)
	err := c.send("<presence to='" + me + "'><x xmlns='http://jabber.org/protocol/muc'>" +
		"<history maxstanzas='0'/></x></presence>")
	if err != nil {
		return err
	}
	for {
		el, err := c.st.Next()
		if err != nil {
			return err
		}
		c.count(el)
		if string(el.Name) != "presence" || string(attr(el.Raw, "from")) != me {
			continue
		}
		if string(attr(el.Raw, "type")) == "error" {
			return fmt.Errorf("%w: join refused: %s", ErrProtocol, clip(el.Raw))
		}
		return nil
	}
}

// open writes a stream header and reads the server's.
func (c *client) open(domain string) error {
	err := c.send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' " +
		"xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "' version='1.0'>")
	if err != nil {
		return err
	}
	el, err := c.st.Next()
	if err != nil {
		return err
	}
	if !el.Header {
		return fmt.Errorf("%w: want a stream header, got %s", ErrProtocol, clip(el.Raw))
	}
	return nil
}

// expect reads the next element and checks its name.
func (c *client) expect(name string) (Element, error) {
	el, err := c.st.Next()
	if err != nil {
		return el, err
	}
	if string(el.Name) != name {
		return el, fmt.Errorf("%w: want <%s>, got %s", ErrProtocol, name, clip(el.Raw))
	}
	return el, nil
}

func (c *client) send(s string) error {
	_, err := c.conn.Write([]byte(s))
	return err
}

// clip shortens raw XML for error messages.
func clip(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}
