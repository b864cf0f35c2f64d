package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// errRIDWindow ends a session whose client sent a rid outside the window.
var errRIDWindow = errors.New("web: BOSH request id out of window")

// ridClass is how a request's rid relates to the session's rid order.
type ridClass int

const (
	ridNext   ridClass = iota // the next rid to process
	ridEarly                  // ahead of next, within the window: wait for its turn
	ridRepeat                 // already processed, within the window: resend its response
	ridOut                    // outside the window: item-not-found
)

// ridOrder keeps a session's requests in rid order (XEP-0124 §"Request
// IDs"): requests are processed one after another in rid order, responses
// are written in rid order, and the last boshWindow responses are kept for
// repeated rids. boshSession.mu guards it.
type ridOrder struct {
	next     uint64                   // rid of the next request to process
	answered uint64                   // highest rid answered; every lower one is too
	cache    map[uint64]*xmpp.Element // responses of the last boshWindow rids
	changed  chan struct{}            // closed and replaced when next or answered moves
}

// newRIDOrder starts the order after the session creation request first;
// its response joins the cache once built.
func newRIDOrder(first uint64) ridOrder {
	return ridOrder{next: first + 1, answered: first, cache: map[uint64]*xmpp.Element{},
		changed: make(chan struct{})}
}

func (o *ridOrder) classify(rid uint64) ridClass {
	switch {
	case rid == o.next:
		return ridNext
	case rid > o.next && rid < o.next+boshWindow:
		return ridEarly
	case rid < o.next && rid+boshWindow >= o.next:
		if _, ok := o.cache[rid]; ok || rid > o.answered {
			return ridRepeat
		}
	}
	return ridOut
}

func (o *ridOrder) notify() {
	close(o.changed)
	o.changed = make(chan struct{})
}

// done records the response of rid and forgets those outside the window.
func (o *ridOrder) done(rid uint64, resp *xmpp.Element) {
	o.answered = rid
	o.cache[rid] = resp
	for r := range o.cache {
		if r+boshWindow < o.next {
			delete(o.cache, r)
		}
	}
	o.notify()
}

// waitLocked releases mu until the order changes, the request ends or the
// session closes; it reports whether the request may keep waiting.
func (bs *boshSession) waitLocked(ctx context.Context) bool {
	ch := bs.order.changed
	bs.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
	case <-bs.done:
	}
	bs.mu.Lock()
	return ctx.Err() == nil && !bs.closed
}

// turn waits until rid is next in line and claims it, releasing the held
// older request first. It reports false for a repeated or out-of-window
// rid, or when the request or the session ends before rid's turn.
func (bs *boshSession) turn(ctx context.Context, rid uint64) bool {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	for {
		switch bs.order.classify(rid) {
		case ridNext:
			bs.order.next++
			bs.order.notify()
			bs.releaseLocked()
			return true
		case ridEarly:
			if !bs.closed && bs.waitLocked(ctx) {
				continue
			}
		}
		return false
	}
}

// answer writes rid's response once every older rid is answered.
func (bs *boshSession) answer(w http.ResponseWriter, rid uint64, resp *xmpp.Element) {
	bs.mu.Lock()
	for bs.order.answered+1 < rid {
		ch := bs.order.changed
		bs.mu.Unlock()
		<-ch
		bs.mu.Lock()
	}
	bs.mu.Unlock()
	writeBody(w, resp)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	bs.mu.Lock()
	bs.order.done(rid, resp)
	bs.mu.Unlock()
}

// reject answers a request that got no turn: a repeated rid gets its
// response again, a rid outside the window ends the session.
func (bs *boshSession) reject(ctx context.Context, w http.ResponseWriter, rid uint64) {
	bs.mu.Lock()
	class, closed := bs.order.classify(rid), bs.closed
	if class == ridRepeat && bs.held != nil && bs.held.rid == rid {
		bs.releaseLocked() // the client gave up on the held request
	}
	for class == ridRepeat && bs.order.answered < rid && bs.waitLocked(ctx) {
	}
	resp := bs.order.cache[rid]
	bs.mu.Unlock()
	switch {
	case class == ridRepeat && resp != nil:
		writeBody(w, resp)
	case class == ridOut:
		writeBody(w, terminate("item-not-found"))
		bs.sess.Fail(errRIDWindow)
	case closed || ctx.Err() == nil:
		writeBody(w, xmpp.NewElement(xmpp.NSBOSH, "body", "type", "terminate"))
	}
}
