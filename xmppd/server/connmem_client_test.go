package server

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The connection-memory test runs its clients in a child process (this
// test binary re-executed with connMemChild set) so that the parent's heap
// and goroutine counts hold only the server.
const connMemChild = "XMPPD_CONNMEM_CHILD"

// rawClient is a minimal c2s client on a plain socket: SASL ANONYMOUS,
// bind and a MUC join written as literal XML, then every byte read and
// the <presence tags counted.
type rawClient struct {
	conn      net.Conn
	br        *bufio.Reader
	presences int
}

func dialRaw(addr, domain string, deadline time.Time) (*rawClient, error) {
	conn, err := net.DialTimeout("tcp", addr, time.Until(deadline))
	if err != nil {
		return nil, err
	}
	_ = conn.SetDeadline(deadline)
	c := &rawClient{conn: conn, br: bufio.NewReaderSize(conn, 4096)}
	header := `<?xml version='1.0'?><stream:stream to='` + domain +
		`' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`
	steps := []struct{ send, until string }{
		{header, "</stream:features>"},
		{`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>`, "success"},
		{header, "</stream:features>"},
		{`<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>`, "</iq>"},
	}
	for _, st := range steps {
		if err := c.step(st.send, st.until); err != nil {
			_ = conn.Close()
			return nil, err
		}
	}
	return c, nil
}

// step writes send and reads until the bytes read contain until.
func (c *rawClient) step(send, until string) error {
	if _, err := io.WriteString(c.conn, send); err != nil {
		return err
	}
	var got []byte
	buf := make([]byte, 2048)
	for !bytes.Contains(got, []byte(until)) {
		n, err := c.br.Read(buf)
		if err != nil {
			return fmt.Errorf("waiting for %q after %q: %w", until, got, err)
		}
		got = append(got, buf[:n]...)
	}
	return nil
}

// join enters room under nick.
func (c *rawClient) join(room, nick string) error {
	_, err := io.WriteString(c.conn, `<presence to='`+room+`/`+nick+
		`'><x xmlns='http://jabber.org/protocol/muc'/></presence>`)
	return err
}

// countUntil reads until want <presence tags arrived. The last
// len(tag)-1 bytes of each read are kept for the next, so a tag split
// across reads is counted once and no tag twice.
func (c *rawClient) countUntil(want int) error {
	tag := []byte("<presence")
	buf := make([]byte, 4096)
	var data []byte
	for c.presences < want {
		n, err := c.br.Read(buf)
		if err != nil {
			return err
		}
		data = append(data, buf[:n]...)
		c.presences += bytes.Count(data, tag)
		keep := min(len(data), len(tag)-1)
		data = append(data[:0], data[len(data)-keep:]...)
	}
	return nil
}

// runConnMemChild is the child: "addr domain room n parallel" in
// connMemChild. Like loadtest/mucbench it logs n clients in and into the
// room, parallel at a time, each reading from the moment it joined; it
// waits until each has the presence of every occupant, prints "ready" and
// holds the connections open until stdin closes.
func runConnMemChild(spec string) error {
	f := strings.Fields(spec)
	if len(f) != 5 {
		return fmt.Errorf("bad %s %q", connMemChild, spec)
	}
	n, err1 := strconv.Atoi(f[3])
	parallel, err2 := strconv.Atoi(f[4])
	if err1 != nil || err2 != nil || n < 1 || parallel < 1 {
		return fmt.Errorf("bad %s %q", connMemChild, spec)
	}
	deadline := time.Now().Add(60 * time.Second)
	cs := make([]*rawClient, n)
	errs := make(chan error, 2*n)
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var joins, reads sync.WaitGroup
	for range min(parallel, n) {
		joins.Go(func() {
			for i := range next {
				c, err := dialRaw(f[0], f[1], deadline)
				if err == nil {
					err = c.join(f[2], "u"+strconv.Itoa(i))
				}
				if err != nil {
					errs <- fmt.Errorf("client %d: %w", i, err)
					continue
				}
				cs[i] = c
				reads.Go(func() { errs <- c.countUntil(n) })
			}
		})
	}
	joins.Wait()
	reads.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
	for _, c := range cs {
		_ = c.conn.Close()
	}
	return nil
}
