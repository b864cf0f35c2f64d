package focus

import (
	"context"
	"sync"
	"sync/atomic"
)

// maxQueued bounds each send queue. A peer that lets this many IQs pile up is
// not answering; further tasks are dropped (and counted) rather than letting
// the executor grow memory without bound.
const maxQueued = 4096

// mailbox is a queue that never blocks its producers: the executor's inbox
// for results of its own IQs and for bridge events (which the registry may
// emit from inside the executor), and the task list of a sendQueue.
type mailbox[T any] struct {
	mu    sync.Mutex
	items []T
	ready chan struct{}
}

func newMailbox[T any]() *mailbox[T] { return &mailbox[T]{ready: make(chan struct{}, 1)} }

// put appends v and reports false when the mailbox already holds limit items
// (limit <= 0: no limit).
func (m *mailbox[T]) put(v T, limit int) bool {
	m.mu.Lock()
	if limit > 0 && len(m.items) >= limit {
		m.mu.Unlock()
		return false
	}
	m.items = append(m.items, v)
	m.mu.Unlock()
	select {
	case m.ready <- struct{}{}:
	default:
	}
	return true
}

// take removes and returns everything queued.
func (m *mailbox[T]) take() []T {
	m.mu.Lock()
	defer m.mu.Unlock()
	items := m.items
	m.items = nil
	return items
}

// sendQueue runs tasks one at a time, in order, on its own goroutine: the
// outgoing IQs to one occupant or one bridge.
type sendQueue struct {
	tasks  *mailbox[func(context.Context)]
	ctx    context.Context
	cancel context.CancelFunc
	closed chan struct{}
	// finished is closed when the goroutine has exited.
	finished chan struct{}
	once     sync.Once
	// dropped counts tasks refused because the queue was full.
	dropped int
	act     *activity
}

// activity counts the tasks queued or running on a conference's send queues,
// so a caller can tell when everything the executor asked for is done.
type activity struct {
	n    atomic.Int64
	idle chan struct{} // signalled when n drops to zero
}

func newActivity() *activity { return &activity{idle: make(chan struct{}, 1)} }

func (a *activity) done() {
	if a.n.Add(-1) == 0 {
		select {
		case a.idle <- struct{}{}:
		default:
		}
	}
}

func newSendQueue(parent context.Context, wg *sync.WaitGroup, act *activity) *sendQueue {
	ctx, cancel := context.WithCancel(parent)
	q := &sendQueue{tasks: newMailbox[func(context.Context)](), ctx: ctx, cancel: cancel,
		closed: make(chan struct{}), finished: make(chan struct{}), act: act}
	wg.Add(1)
	go func() {
		defer wg.Done()
		q.run()
	}()
	return q
}

// push queues a task; it reports false when the queue is full.
func (q *sendQueue) push(task func(context.Context)) bool {
	q.act.n.Add(1)
	if !q.tasks.put(task, maxQueued) {
		q.act.done()
		q.dropped++
		return false
	}
	return true
}

// close lets the queued tasks finish, then ends the goroutine.
func (q *sendQueue) close() { q.once.Do(func() { close(q.closed) }) }

// abort ends the goroutine at once, cancelling the task in flight and
// dropping the queued ones.
func (q *sendQueue) abort() {
	q.cancel()
	q.close()
}

func (q *sendQueue) run() {
	defer func() {
		defer close(q.finished)
		q.cancel()
		for range q.tasks.take() { // dropped unrun
			q.act.done()
		}
	}()
	for {
		q.runQueued()
		select {
		case <-q.tasks.ready:
		case <-q.closed:
			q.runQueued()
			return
		case <-q.ctx.Done():
			return
		}
	}
}

// runQueued runs the queued tasks; after an abort the rest are skipped.
func (q *sendQueue) runQueued() {
	for _, t := range q.tasks.take() {
		if q.ctx.Err() == nil {
			t(q.ctx)
		}
		q.act.done()
	}
}

// pending reports how many items wait in the mailbox.
func (m *mailbox[T]) pending() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.items)
}
