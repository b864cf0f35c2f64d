package c2s

import "sync"

// Ring sizes of an OutQueue: the ring starts at queueMinRing entries when
// the first item arrives, doubles up to the queue's bound, and a ring
// larger than queueKeepRing is released when the writer finds it empty and
// exits, so an idle connection holds at most queueKeepRing slots however
// large its last burst was, while a busy one keeps its ring.
const (
	queueMinRing  = 4
	queueKeepRing = 4
)

// OutQueue is a connection's bounded outgoing queue, shared by the TCP and
// WebSocket framings: many producers (any goroutine delivering to the
// session) and one consumer (the connection's writer goroutine).
//
// It holds at most max items, counting those the writer has taken but not
// yet reported written with Done, which is the bound a buffered channel of
// capacity max gives. Unlike such a channel it allocates its ring on
// demand and shrinks it back once drained.
//
// The writer runs only while there is something to write: the Push that
// finds no writer running tells its caller to start one, and the writer
// exits when Take finds the queue empty. So there is never more than one
// writer, and an idle connection holds no writer goroutine or stack.
type OutQueue[T any] struct {
	mu      sync.Mutex
	ring    []T
	head    int
	n       int  // queued items
	held    int  // taken by the writer, not yet Done
	running bool // a writer is running (from a Push that said start to its empty Take)
	closed  bool
	max     int
}

// NewOutQueue returns an empty queue bounded to limit items (at least 1).
func NewOutQueue[T any](limit int) *OutQueue[T] {
	return &OutQueue[T]{max: max(1, limit)}
}

// Push appends v. ok is false, and nothing is queued, when the queue is
// closed or already holds its maximum; start is true when no writer is
// running and the caller must start one.
func (q *OutQueue[T]) Push(v T) (ok, start bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed || q.n+q.held >= q.max {
		return false, false
	}
	if q.n == len(q.ring) {
		q.grow()
	}
	q.ring[(q.head+q.n)%len(q.ring)] = v
	q.n++
	start = !q.running
	q.running = true
	return true, start
}

// grow doubles the ring (up to max), unwrapping it.
func (q *OutQueue[T]) grow() {
	size := min(max(queueMinRing, 2*len(q.ring)), q.max)
	ring := make([]T, size)
	k := copy(ring, q.ring[q.head:])
	copy(ring[k:], q.ring[:q.head])
	q.ring, q.head = ring, 0
}

// Take moves up to cap(dst)-len(dst) queued items (at least one) into dst
// in order and returns it; they stay counted against the bound until Done.
// With nothing queued it returns dst unchanged and the writer must exit:
// the next Push asks for a new one.
func (q *OutQueue[T]) Take(dst []T) []T {
	var zero T
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.n == 0 {
		q.running = false
		q.head = 0
		if len(q.ring) > queueKeepRing {
			q.ring = nil
		}
		return dst
	}
	k := min(q.n, max(1, cap(dst)-len(dst)))
	for range k {
		dst = append(dst, q.ring[q.head])
		q.ring[q.head] = zero
		q.head = (q.head + 1) % len(q.ring)
	}
	q.n -= k
	q.held += k
	return dst
}

// Done reports k taken items written (or dropped).
func (q *OutQueue[T]) Done(k int) {
	q.mu.Lock()
	q.held = max(0, q.held-k)
	q.mu.Unlock()
}

// Len returns the number of queued items not yet taken.
func (q *OutQueue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.n
}

// Close refuses further pushes and drops what is queued.
func (q *OutQueue[T]) Close() {
	q.mu.Lock()
	q.closed = true
	q.ring, q.head, q.n = nil, 0, 0
	q.mu.Unlock()
}
