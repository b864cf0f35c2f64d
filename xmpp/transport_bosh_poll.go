package xmpp

import (
	"strconv"
)

// Keeping the server able to push, without stalling rid-ordered delivery:
//
// The connection manager holds at most `hold` (1) requests and answers
// the older one when a newer one arrives. Responses are read in rid order,
// so an answered request is useful only once every older one is answered
// too. prosody answers the oldest held request first, but a server may
// answer a newer request (our xmppd answers the restart request with the
// features) while it still holds an older empty one; then only a request
// newer than both makes it let go of the older.
//
// Hence the rule, applied after every answer and when the session starts:
// if no empty request newer than every answered request is in flight, send
// one. This keeps one request held for pushes, releases any older held
// request, and never has more than requests=2 in flight with a server that
// answers in rid order.

// ensurePoll sends a new empty request when the rule above asks for one.
func (t *BOSHTransport) ensurePoll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pollLocked()
}

// answered records that request rid got its HTTP response; ok false means
// the session is broken and no new empty request is sent.
func (t *BOSHTransport) answered(rid uint64, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.polls, rid)
	t.maxDone = max(t.maxDone, rid)
	if ok {
		t.pollLocked()
	}
}

func (t *BOSHTransport) pollLocked() {
	if t.sid == "" || t.ctx.Err() != nil {
		return
	}
	select {
	case <-t.closed:
		return
	default:
	}
	for rid := range t.polls {
		if rid > t.maxDone {
			return
		}
	}
	rid, b := t.bodyLocked()
	t.polls[rid] = struct{}{}
	go func() { _, _ = t.post(t.ctx, rid, b) }()
}

// body returns a new empty request body and its rid.
func (t *BOSHTransport) body() (uint64, *Element) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.bodyLocked()
}

func (t *BOSHTransport) bodyLocked() (uint64, *Element) {
	t.rid++
	return t.rid, NewElement(NSBOSH, "body", "rid", strconv.FormatUint(t.rid, 10), "sid", t.sid)
}

func (t *BOSHTransport) nextRID() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rid++
	return t.rid
}
