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
// to the session; mu guards the outgoing queue, the rid order and the held
// request.
type boshSession struct {
	h        *Handler
	sid      string
	wait     time.Duration
	secure   bool
	lim      *c2s.Limiter
	sess     *c2s.Session
	inMu     sync.Mutex
	mu       sync.Mutex
	order    ridOrder
	pending  []*xmpp.Element
	held     *heldRequest
	closed   bool
	closeErr error
	streamID string
	inflight int
	idle     clock.Timer
	done     chan struct{}
}

// heldRequest is the newest processed request, waiting for output. Whoever
// releases it fills body under mu, so output goes to requests in rid order.
type heldRequest struct {
	rid  uint64
	ch   chan struct{}
	body *xmpp.Element
}

func newBOSHSession(h *Handler, rid uint64, wait int, secure bool) *boshSession {
	return &boshSession{h: h, sid: newSID(), order: newRIDOrder(rid), wait: time.Duration(wait) * time.Second,
		secure: secure, lim: c2s.NewLimiter(h.env), done: make(chan struct{})}
}

// request handles one POST for an existing session: it waits for the rid's
// turn, feeds the body to the session and answers after every older rid.
func (bs *boshSession) request(w http.ResponseWriter, r *http.Request, body *xmpp.Element, size int64) {
	rid, _ := strconv.ParseUint(body.Get("rid"), 10, 64)
	bs.mu.Lock()
	bs.inflight++
	bs.mu.Unlock()
	defer bs.touch()
	if !bs.turn(r.Context(), rid) {
		bs.reject(r.Context(), w, rid)
		return
	}
	if err := bs.lim.Wait(size, bs.done); err == nil {
		if err := bs.input(body); err != nil {
			bs.sess.Fail(err)
		}
	}
	bs.answer(w, rid, bs.collect(r, rid))
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

// collect returns the response body for rid. Only the newest request is
// held, until there is output, the wait time passes or a newer request
// arrives; an older one is answered at once with whatever is pending.
func (bs *boshSession) collect(r *http.Request, rid uint64) *xmpp.Element {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if len(bs.pending) > 0 || bs.closed || rid+1 != bs.order.next {
		return bs.takeBodyLocked()
	}
	bs.releaseLocked()
	held := &heldRequest{rid: rid, ch: make(chan struct{})}
	bs.held = held
	bs.mu.Unlock()
	t := bs.h.env.Clock.AfterFunc(bs.wait, func() { bs.release(held) })
	select {
	case <-held.ch:
	case <-r.Context().Done():
	}
	t.Stop()
	bs.mu.Lock()
	if bs.held == held {
		bs.releaseLocked()
	}
	return held.body
}

func (bs *boshSession) release(held *heldRequest) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.held == held {
		bs.releaseLocked()
	}
}

// releaseLocked answers the held request with whatever is pending.
func (bs *boshSession) releaseLocked() {
	if held := bs.held; held != nil {
		held.body = bs.takeBodyLocked()
		bs.held = nil
		close(held.ch)
	}
}

// takeBody drains the queue into a response body; a closed session yields
// its terminate body.
func (bs *boshSession) takeBody() *xmpp.Element {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	return bs.takeBodyLocked()
}

func (bs *boshSession) takeBodyLocked() *xmpp.Element {
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
