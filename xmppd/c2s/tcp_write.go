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

// writeScratch holds a writer run's batch and segments. A writer starts
// for every burst of output, on a fresh 2 KiB goroutine stack: with these
// arrays in its frames (1.4 KiB) it outgrew that stack on every start,
// paying a stack copy each time and freeing the grown stack on exit. From
// the pool they cost a Get and a Put per run instead.
type writeScratch struct {
	items [writeBatch]outItem
	segs  [writeBatch][]byte
	iov   [writeBatch][]byte
	vec   net.Buffers // over iov; WriteTo consumes it
}

var scratchPool = sync.Pool{New: func() any { return new(writeScratch) }}

// writeLoop owns the socket's write side while there is output: push
// starts it, it drains the outgoing queue in batches and exits when the
// queue is empty (OutQueue guarantees at most one runs).
func (c *tcpConn) writeLoop() {
	ws := scratchPool.Get().(*writeScratch)
	defer scratchPool.Put(ws)
	for {
		batch := c.out.Take(ws.items[:0])
		if len(batch) == 0 {
			return
		}
		stop := c.writeBatch(ws, batch)
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
func (c *tcpConn) writeBatch(ws *writeScratch, batch []outItem) bool {
	defer clear(ws.segs[:]) // the pooled scratch keeps no stanza alive
	pending := ws.segs[:0]
	for _, it := range batch {
		if d := it.bytes(); len(d) > 0 {
			pending = append(pending, d)
		}
		if !it.close && !it.startTLS {
			continue
		}
		if !c.writeSegs(ws, pending) {
			return c.fail()
		}
		pending = pending[:0]
		if it.close {
			c.shutdown()
			return true
		}
		c.upgrade()
	}
	if !c.writeSegs(ws, pending) {
		return c.fail()
	}
	return false
}

// writeSegs writes segments in order: a lone one as it is, several with
// one writev on a plain TCP socket, else coalesced (writeCoalesced).
func (c *tcpConn) writeSegs(ws *writeScratch, segs [][]byte) bool {
	switch {
	case len(segs) == 0:
		return true
	case len(segs) == 1:
		return c.write(segs[0])
	}
	if tc, ok := c.raw.(*net.TCPConn); ok {
		ws.vec = append(ws.iov[:0], segs...)
		_, err := ws.vec.WriteTo(tc)
		ws.vec = nil
		clear(ws.iov[:])
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
