package xmpp

import "sync"

// boshItem is what Recv hands out: one element the server pushed, or the
// error that ended the session. Both travel on one channel so an error
// never overtakes an element that came before it.
type boshItem struct {
	e   *Element
	err error
}

// boshResult is the outcome of one BOSH request: the payload of its
// response body, or why the request failed.
type boshResult struct {
	kids []*Element
	err  error
}

// boshOrder hands response payloads to the reader strictly in rid order,
// each rid exactly once. XEP-0124 ("In-Order Message Forwarding") has the
// connection manager answer in rid order, but HTTP responses to concurrent
// requests arrive in any order over separate connections, and the
// connection manager puts output on whichever request it holds, so prosody
// answers an empty poll with the post-SASL stream features while the
// <success/> is still in flight on the older auth request.
//
// Requests complete without waiting for older ones (a held older request
// is released only by a newer one, so waiting would stall until the wait
// timeout); whichever goroutine completes the next rid in line delivers it
// and every later one that is already complete.
type boshOrder struct {
	mu     sync.Mutex // guards next, ready and failed
	next   uint64     // rid of the next body to deliver
	ready  map[uint64]boshResult
	failed bool // an error was delivered; the session is over

	deliver sync.Mutex // held by the one goroutine delivering at a time
}

func newBOSHOrder(first uint64) *boshOrder {
	return &boshOrder{next: first, ready: map[uint64]boshResult{}}
}

// complete records the result for rid and delivers every result that is
// now next in line. A rid that was already recorded or delivered is
// ignored, so no payload reaches the reader twice. It blocks only while in
// is full, and returns once closed is closed.
func (o *boshOrder) complete(rid uint64, r boshResult, in chan<- boshItem, closed <-chan struct{}) {
	o.mu.Lock()
	if _, dup := o.ready[rid]; dup || rid < o.next || o.failed {
		o.mu.Unlock()
		return
	}
	o.ready[rid] = r
	o.mu.Unlock()

	o.deliver.Lock()
	defer o.deliver.Unlock()
	for {
		r, ok := o.take()
		if !ok {
			return
		}
		if !r.send(in, closed) {
			return
		}
	}
}

// take removes and returns the result for the next rid if it is complete.
func (o *boshOrder) take() (boshResult, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r, ok := o.ready[o.next]
	if !ok || o.failed {
		return boshResult{}, false
	}
	delete(o.ready, o.next)
	o.next++
	if r.err != nil {
		o.failed = true
		clear(o.ready)
	}
	return r, true
}

// send passes the payload (or the error) to the reader; false means the
// transport was closed meanwhile.
func (r boshResult) send(in chan<- boshItem, closed <-chan struct{}) bool {
	items := make([]boshItem, 0, len(r.kids)+1)
	for _, k := range r.kids {
		items = append(items, boshItem{e: k})
	}
	if r.err != nil {
		items = append(items, boshItem{err: r.err})
	}
	for _, it := range items {
		select {
		case in <- it:
		case <-closed:
			return false
		}
	}
	return true
}
