package c2s

import (
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// recordConn is a net.Conn that records every Write.
type recordConn struct {
	net.Conn // nil: only Write, Close and the addresses are used
	mu       sync.Mutex
	writes   [][]byte
	closed   bool
}

func (c *recordConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return 0, net.ErrClosed
	}
	c.writes = append(c.writes, append([]byte(nil), p...))
	return len(p), nil
}

func (c *recordConn) Close() error {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	return nil
}

func (c *recordConn) RemoteAddr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1} }

// TestWriteBatch: a batch goes out in order, several small items as one
// write, an item of writeBufSize or more on its own, a lone item without
// a copy; the close marker flushes, closes the socket and stops the writer.
func TestWriteBatch(t *testing.T) {
	small := func(c byte) outItem { return outItem{data: bytes.Repeat([]byte{c}, 100)} }
	big := outItem{data: bytes.Repeat([]byte{'B'}, writeBufSize)}
	for _, tc := range []struct {
		name   string
		batch  []outItem
		writes []int // length of each Write
		stop   bool
	}{
		{"lone item", []outItem{small('a')}, []int{100}, false},
		{"pooled stanza buffers", []outItem{
			{buf: MarshalPooled(xmpp.NewElement(xmpp.NSClient, "message", "to", "a@b"), xmpp.NSClient)}, small('a')},
			[]int{len(`<message to="a@b"/>`) + 100}, false},
		{"small items coalesce", []outItem{small('a'), small('b'), small('c')}, []int{300}, false},
		{"big item flushes and goes alone", []outItem{small('a'), big, small('b')}, []int{100, writeBufSize, 100}, false},
		{"buffer fills", fill(writeBufSize/100 + 1), []int{writeBufSize / 100 * 100, 100}, false},
		{"close flushes and stops", []outItem{small('a'), small('b'), {data: []byte("</stream:stream>"), close: true}},
			[]int{216}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := &recordConn{}
			c := newTCPConn((&Env{}).Fill(), rc)
			if stop := c.writeBatch(new(writeScratch), tc.batch); stop != tc.stop {
				t.Fatalf("stop = %v, want %v", stop, tc.stop)
			}
			var lens []int
			var got []byte
			for _, w := range rc.writes {
				lens = append(lens, len(w))
				got = append(got, w...)
			}
			var want []byte
			for _, it := range tc.batch {
				want = append(want, it.bytes()...)
			}
			if !equalInts(lens, tc.writes) || !bytes.Equal(got, want) {
				t.Fatalf("writes %v (%d bytes), want %v (%d bytes)", lens, len(got), tc.writes, len(want))
			}
			if rc.closed != tc.stop {
				t.Fatalf("closed = %v", rc.closed)
			}
		})
	}
}

// TestWriteBatchTCP: on a real TCP socket several items go out with one
// writev, in order and unchanged, up to and including the close marker.
func TestWriteBatchTCP(t *testing.T) {
	client, server := tcpPair(t)
	c := newTCPConn((&Env{}).Fill(), server)
	batch := append(fill(3), outItem{data: bytes.Repeat([]byte{'B'}, 3*writeBufSize)},
		outItem{buf: MarshalPooled(xmpp.NewElement(xmpp.NSClient, "presence"), xmpp.NSClient)},
		outItem{data: []byte("</stream:stream>"), close: true})
	var want []byte
	for _, it := range batch {
		want = append(want, it.bytes()...)
	}
	done := make(chan []byte)
	go func() {
		_ = client.SetReadDeadline(time.Now().Add(10 * time.Second))
		b, _ := io.ReadAll(client)
		done <- b
	}()
	if !c.writeBatch(new(writeScratch), batch) {
		t.Fatal("the close marker did not stop the writer")
	}
	if got := <-done; !bytes.Equal(got, want) {
		t.Fatalf("read %d bytes, want %d", len(got), len(want))
	}
}

// TestWriteSegsNoAlloc: a writev of several segments on a TCP socket
// allocates nothing (its vector lives in the pooled writeScratch; it was
// one net.Buffers allocation per batch) and leaves no stanza referenced
// by the scratch.
func TestWriteSegsNoAlloc(t *testing.T) {
	client, server := tcpPair(t)
	go func() { _, _ = io.Copy(io.Discard, client) }()
	c := newTCPConn((&Env{}).Fill(), server)
	ws := new(writeScratch)
	segs := [][]byte{[]byte("<message/>"), []byte("<presence/>"), []byte("<iq/>")}
	if !c.writeSegs(ws, segs) { // the first writev allocates the socket's iovec cache
		t.Fatal("write failed")
	}
	if n := testing.AllocsPerRun(100, func() { c.writeSegs(ws, segs) }); n != 0 {
		t.Errorf("%v allocations per writev, want 0", n)
	}
	for i := range ws.iov {
		if ws.iov[i] != nil || ws.vec != nil {
			t.Fatalf("scratch still references segment %d after the write", i)
		}
	}
}

func fill(n int) []outItem {
	items := make([]outItem, n)
	for i := range items {
		items[i] = outItem{data: bytes.Repeat([]byte{'x'}, 100)}
	}
	return items
}

// TestOutgoingQueueOverflow: a client that stops reading gets its session
// closed once limits.outgoing-queue stanzas wait for it, as with the
// former fixed-size channel; other sessions are unaffected.
func TestOutgoingQueueOverflow(t *testing.T) {
	h := newHarness(t, Limits{QueueLen: 8})
	good := h.goodClient(t)
	conn, full := boundRaw(t, h.addr())
	s := h.session(t, full)
	e := xmpp.NewElement(xmpp.NSClient, "message", "to", full).
		Add(xmpp.NewElement(xmpp.NSClient, "body").AddText(strings.Repeat("x", 64<<10)))
	delivered := 0
	for ; delivered < 4096; delivered++ { // ≤ 256 MiB: far beyond the socket buffers
		if !s.Deliver(e) {
			break
		}
	}
	if delivered == 4096 {
		t.Fatal("the queue never filled")
	}
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.Copy(io.Discard, conn); err != nil {
		t.Fatalf("connection not closed by the server: %v", err)
	}
	h.ping(t, good)
}

// boundRaw logs in and binds on a plain socket that then reads nothing
// more; it returns the socket and the bound full JID.
func boundRaw(t testing.TB, addr string) (net.Conn, string) {
	t.Helper()
	conn, r, _ := rawLogin(t, addr)
	send(t, conn, xmpp.NewIQ("set", "b", "", "", xmpp.NewElement(xmpp.NSBind, "bind")))
	res := next(t, r)
	bind := res.Child(xmpp.NSBind, "bind")
	if res.Get("type") != "result" || bind == nil || bind.Child(xmpp.NSBind, "jid") == nil {
		t.Fatalf("bind: %s", res)
	}
	_ = conn.SetDeadline(time.Time{})
	return conn, bind.Child(xmpp.NSBind, "jid").Text()
}

// session finds the listener's session bound to full.
func (h *harness) session(t testing.TB, full string) *Session {
	t.Helper()
	h.l.mu.Lock()
	defer h.l.mu.Unlock()
	for s := range h.l.all {
		if s.JID().String() == full {
			return s
		}
	}
	t.Fatalf("no session bound to %s", full)
	return nil
}

// tcpPair returns the two ends of a loopback TCP connection, closed at
// the end of the test.
func tcpPair(t *testing.T) (client, server net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if client, err = net.Dial("tcp", ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	if server, err = ln.Accept(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = server.Close() })
	return client, server
}
