package c2s

import (
	"context"
	"crypto/tls"
	"net"
	"sync"
)

// Writer sizes: the writer takes up to writeBatch queued items at a time.
// On a plain TCP socket it writes them with one writev, without copying;
// over TLS, where every Write is a record, it coalesces them into a pooled
// buffer of writeBufSize bytes held only while it writes.
const (
	writeBatch   = 16
	writeBufSize = 8192
)

var writePool = sync.Pool{New: func() any { b := make([]byte, 0, writeBufSize); return &b }}

// writeLoop owns the socket's write side while there is output: push
// starts it, it drains the outgoing queue in batches and exits when the
// queue is empty (OutQueue guarantees at most one runs).
func (c *tcpConn) writeLoop() {
	var arr [writeBatch]outItem
	for {
		batch := c.out.Take(arr[:0])
		if len(batch) == 0 {
			return
		}
		stop := c.writeBatch(batch)
		for _, it := range batch {
			ReleaseStanza(it.buf)
		}
		clear(batch)
		c.out.Done(len(batch))
		if stop {
			return
		}
	}
}

// writeBatch writes the items in order, acting on close and STARTTLS
// markers; it reports whether the writer must stop.
func (c *tcpConn) writeBatch(batch []outItem) bool {
	var segs [writeBatch][]byte
	pending := segs[:0]
	for _, it := range batch {
		if d := it.bytes(); len(d) > 0 {
			pending = append(pending, d)
		}
		if !it.close && !it.startTLS {
			continue
		}
		if !c.writeSegs(pending) {
			return c.fail()
		}
		pending = pending[:0]
		if it.close {
			c.shutdown()
			return true
		}
		c.upgrade()
	}
	if !c.writeSegs(pending) {
		return c.fail()
	}
	return false
}

// writeSegs writes segments in order: a lone one as it is, several with
// one writev on a plain TCP socket, else coalesced (writeCoalesced).
func (c *tcpConn) writeSegs(segs [][]byte) bool {
	switch {
	case len(segs) == 0:
		return true
	case len(segs) == 1:
		return c.write(segs[0])
	}
	if tc, ok := c.raw.(*net.TCPConn); ok {
		bufs := make(net.Buffers, len(segs)) // WriteTo consumes it; segs stays on the stack
		copy(bufs, segs)
		_, err := bufs.WriteTo(tc)
		return err == nil
	}
	return c.writeCoalesced(segs)
}

// writeCoalesced copies segments into a pooled buffer, writing it when
// full; a segment of writeBufSize or more is written on its own.
func (c *tcpConn) writeCoalesced(segs [][]byte) bool {
	bp := writePool.Get().(*[]byte)
	defer func() {
		*bp = (*bp)[:0]
		writePool.Put(bp)
	}()
	for _, s := range segs {
		if len(*bp) > 0 && len(*bp)+len(s) > writeBufSize {
			if !c.write(*bp) {
				return false
			}
			*bp = (*bp)[:0]
		}
		if len(s) >= writeBufSize {
			if !c.write(s) {
				return false
			}
			continue
		}
		*bp = append(*bp, s...)
	}
	return len(*bp) == 0 || c.write(*bp)
}

func (c *tcpConn) write(b []byte) bool {
	_, err := c.raw.Write(b)
	return err == nil
}

func (c *tcpConn) fail() bool {
	c.shutdown()
	return true
}

// upgrade runs the TLS handshake on the writer goroutine while the reader
// waits on tlsDone, so nothing else touches the socket meanwhile. After a
// failed handshake writes go to the failed TLS conn and fail, so nothing
// is sent in the clear.
func (c *tcpConn) upgrade() {
	tc := tls.Server(c.raw, c.env.TLS())
	err := tc.HandshakeContext(context.Background())
	if err == nil {
		st := tc.ConnectionState()
		c.tlsSt.Store(&st)
		c.secure.Store(true)
	}
	c.raw = tc
	c.tlsDone <- err
}
