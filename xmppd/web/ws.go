package web

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/c2s"
	"mellium.im/xmpp/stream"
	"nhooyr.io/websocket"
)

// errLost marks a WebSocket that ended without <close/>; a resumable
// session hibernates (XEP-0198).
var errLost = fmt.Errorf("web: websocket lost: %w", net.ErrClosed)

// wsConn frames a c2s.Session as RFC 7395: one element per text message.
// Its outgoing queue is the same c2s.OutQueue as TCP's: grown on demand
// up to limits.outgoing-queue, with a writer goroutine only while there is
// output. Items are pooled stanza buffers (c2s.MarshalPooled); nil is the
// close marker.
type wsConn struct {
	c      *websocket.Conn
	out    *c2s.OutQueue[*bytes.Buffer]
	done   chan struct{}
	once   sync.Once
	secure bool
	tlsSt  *tls.ConnectionState
	sess   *c2s.Session
}

func (h *Handler) serveWS(w http.ResponseWriter, r *http.Request) {
	opts := &websocket.AcceptOptions{Subprotocols: []string{"xmpp"}, OriginPatterns: h.cfg.Origins}
	if len(h.cfg.Origins) == 0 {
		opts.InsecureSkipVerify = true // prosody accepts any origin by default
	}
	c, err := websocket.Accept(w, r, opts)
	if err != nil {
		return
	}
	if c.Subprotocol() != "xmpp" {
		_ = c.Close(websocket.StatusProtocolError, "xmpp subprotocol required")
		return
	}
	env := h.env
	c.SetReadLimit(2 * env.Limits.MaxStanza)
	wc := &wsConn{c: c, out: c2s.NewOutQueue[*bytes.Buffer](env.Limits.QueueLen), done: make(chan struct{}),
		secure: h.cfg.WSSecure || r.TLS != nil, tlsSt: r.TLS}
	wc.sess = c2s.NewSession(env, wc, r.RemoteAddr)
	h.mu.Lock()
	h.ws[wc] = struct{}{}
	h.mu.Unlock()
	err = wc.readLoop(c2s.NewLimiter(env), env.Limits.MaxStanza)
	switch se := c2s.ReadError(err); {
	case se != nil:
		wc.sess.Fail(se)
	case errors.Is(err, errLost):
		wc.Close(nil)
		wc.sess.Lost()
	default:
		wc.Close(nil)
		wc.sess.Closed()
	}
	<-wc.done
	h.mu.Lock()
	delete(h.ws, wc)
	h.mu.Unlock()
}

func (wc *wsConn) readLoop(lim *c2s.Limiter, max int64) error {
	ctx := context.Background()
	for {
		_, data, err := wc.c.Read(ctx)
		if err != nil {
			return errLost // dropped, closed without <close/>, or beyond the frame limit
		}
		if int64(len(data)) > max {
			return xmpp.ErrStanzaTooBig
		}
		if err := lim.Wait(int64(len(data)), wc.done); err != nil {
			return err
		}
		e, err := xmpp.ParseElement(data)
		if err != nil {
			return err
		}
		switch {
		case e.Is(xmpp.NSFraming, "open"):
			if err := wc.sess.Open(e.Get("to")); err != nil {
				return err
			}
		case e.Is(xmpp.NSFraming, "close"):
			return nil
		default:
			if _, err := wc.sess.Handle(e); err != nil {
				return err
			}
		}
	}
}

// OpenStream sends <open/> and the features.
func (wc *wsConn) OpenStream(id, from string, features *xmpp.Element) {
	open := xmpp.NewElement(xmpp.NSFraming, "open", "id", id, "from", from, "version", "1.0")
	open.Attr = append(open.Attr, xmlLang)
	wc.Send(open)
	wc.Send(features)
}

// Send queues one element as its own message.
func (wc *wsConn) Send(e *xmpp.Element) bool {
	b := c2s.MarshalPooled(e, "")
	if !wc.push(b) {
		c2s.ReleaseStanza(b)
		return false
	}
	return true
}

func (wc *wsConn) push(b *bytes.Buffer) bool {
	select {
	case <-wc.done:
		return false
	default:
	}
	ok, start := wc.out.Push(b)
	if start {
		go wc.writeLoop()
	}
	return ok
}

// Close sends the stream error (if any) and <close/>, then closes.
func (wc *wsConn) Close(err error) {
	var se stream.Error
	if errors.As(err, &se) {
		if el, e := xmpp.FromTokens(se.TokenReader()); e == nil {
			wc.Send(el)
		}
	}
	if !wc.push(nil) {
		wc.shutdown()
	}
}

func (wc *wsConn) shutdown() {
	wc.once.Do(func() {
		close(wc.done)
		wc.out.Close()
		_ = wc.c.Close(websocket.StatusNormalClosure, "")
	})
}

// writeLoop sends queued messages until the queue is empty (push starts
// it; OutQueue guarantees at most one runs).
func (wc *wsConn) writeLoop() {
	var arr [16]*bytes.Buffer
	for {
		batch := wc.out.Take(arr[:0])
		if len(batch) == 0 {
			return
		}
		stop := wc.writeBatch(batch)
		for _, b := range batch {
			c2s.ReleaseStanza(b)
		}
		clear(batch)
		wc.out.Done(len(batch))
		if stop {
			return
		}
	}
}

// writeBatch sends each item as one text message; nil sends <close/> and
// ends the connection. It reports whether the writer must stop.
func (wc *wsConn) writeBatch(batch []*bytes.Buffer) bool {
	ctx := context.Background()
	for _, b := range batch {
		if b == nil {
			_ = wc.c.Write(ctx, websocket.MessageText, xmpp.NewElement(xmpp.NSFraming, "close").Marshal(""))
			wc.shutdown()
			return true
		}
		if err := wc.c.Write(ctx, websocket.MessageText, b.Bytes()); err != nil {
			wc.shutdown()
			return true
		}
	}
	return false
}

var xmlLang = xml.Attr{Name: xml.Name{Space: xmpp.NSXML, Local: "lang"}, Value: "en"}

// CanStartTLS is false: use wss:// or a TLS proxy.
func (wc *wsConn) CanStartTLS() bool { return false }

// Secure reports TLS or a trusted TLS-terminating proxy.
func (wc *wsConn) Secure() bool { return wc.secure }

// TLSState returns the HTTP request's TLS state, if any.
func (wc *wsConn) TLSState() *tls.ConnectionState { return wc.tlsSt }
