package web

import (
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/c2s"
	"github.com/jitsi-go/jitsi-go/xmppd/clock"
	"mellium.im/xmpp/stream"
)

// boshSession frames a c2s.Session over BOSH requests. inMu serialises input
// to the session; mu guards the outgoing queue and the held request.
type boshSession struct {
	h        *Handler
	sid      string
	wait     time.Duration
	secure   bool
	lim      *c2s.Limiter
	sess     *c2s.Session
	inMu     sync.Mutex
	mu       sync.Mutex
	rid      uint64
	seen     map[uint64]bool
	pending  []*xmpp.Element
	waiter   chan struct{}
	closed   bool
	closeErr error
	streamID string
	inflight int
	idle     clock.Timer
	done     chan struct{}
}

func newBOSHSession(h *Handler, rid uint64, wait int, secure bool) *boshSession {
	return &boshSession{h: h, sid: newSID(), rid: rid, wait: time.Duration(wait) * time.Second,
		secure: secure, lim: c2s.NewLimiter(h.env), done: make(chan struct{})}
}

// request handles one POST for an existing session.
func (bs *boshSession) request(w http.ResponseWriter, r *http.Request, body *xmpp.Element, size int64) {
	rid, _ := strconv.ParseUint(body.Get("rid"), 10, 64)
	bs.mu.Lock()
	if !bs.acceptRID(rid) {
		bs.mu.Unlock()
		writeBody(w, terminate("item-not-found"))
		return
	}
	bs.inflight++
	bs.mu.Unlock()
	defer bs.touch()
	if err := bs.lim.Wait(size, bs.done); err != nil {
		return
	}
	if err := bs.input(body); err != nil {
		bs.sess.Fail(err)
	}
	writeBody(w, bs.collect(r))
}

// acceptRID admits each rid once within the window around the highest seen;
// requests may arrive out of order over parallel HTTP connections.
func (bs *boshSession) acceptRID(rid uint64) bool {
	if rid > bs.rid+boshWindow || rid+boshWindow < bs.rid || bs.seen[rid] {
		return false
	}
	if bs.seen == nil {
		bs.seen = map[uint64]bool{}
	}
	bs.seen[rid] = true
	if rid > bs.rid {
		bs.rid = rid
	}
	for r := range bs.seen {
		if r+2*boshWindow < bs.rid {
			delete(bs.seen, r)
		}
	}
	return true
}

// input feeds restarts, stanzas and terminate requests to the session.
func (bs *boshSession) input(body *xmpp.Element) error {
	bs.inMu.Lock()
	defer bs.inMu.Unlock()
	if attrValue(body, xmpp.NSXBOSH, "restart") == "true" {
		if err := bs.sess.Open(body.Get("to")); err != nil {
			return err
		}
	}
	for _, e := range body.Children() {
		if _, err := bs.sess.Handle(e); err != nil {
			return err
		}
	}
	if body.Get("type") == "terminate" {
		bs.sess.Closed()
		bs.Close(nil)
	}
	return nil
}

// collect waits (holding this request) until there is output, the wait
// time passes, or a newer request arrives, then returns the response body.
func (bs *boshSession) collect(r *http.Request) *xmpp.Element {
	bs.mu.Lock()
	if len(bs.pending) == 0 && !bs.closed {
		if bs.waiter != nil {
			close(bs.waiter)
		}
		ch := make(chan struct{})
		bs.waiter = ch
		bs.mu.Unlock()
		t := bs.h.env.Clock.AfterFunc(bs.wait, func() { bs.wake(ch) })
		select {
		case <-ch:
		case <-r.Context().Done():
		}
		t.Stop()
		bs.mu.Lock()
		if bs.waiter == ch {
			bs.waiter = nil
		}
	}
	bs.mu.Unlock()
	return bs.takeBody()
}

func (bs *boshSession) wake(ch chan struct{}) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.waiter == ch {
		close(ch)
		bs.waiter = nil
	}
}

// takeBody drains the queue into a response body; a closed session yields
// its terminate body.
func (bs *boshSession) takeBody() *xmpp.Element {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	body := xmpp.NewElement(xmpp.NSBOSH, "body")
	for _, e := range bs.pending {
		body.Add(e)
	}
	bs.pending = nil
	if bs.closed {
		body.SetAttr("type", "terminate")
		var se stream.Error
		if errors.As(bs.closeErr, &se) {
			body.SetAttr("condition", "remote-stream-error")
			if se.Err == stream.SystemShutdown.Err {
				body.SetAttr("condition", "system-shutdown")
			}
		}
		bs.h.bosh.remove(bs)
	}
	return body
}
