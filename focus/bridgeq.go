package focus

import (
	"context"
	"sync"
)

// bridgeQueues order the Colibri2 requests to one bridge only as much as the
// bridge needs: the request that creates the conference goes first; once it
// has been answered, each endpoint's requests go out in order on their own
// queue while different endpoints proceed in parallel. So moving a whole
// conference to a new bridge costs one round trip for the creation plus one
// for all the other allocations together, not one per participant.
type bridgeQueues struct {
	ctx context.Context
	wg  *sync.WaitGroup
	act *activity

	created    chan struct{} // closed once the create request has been answered
	createOnce sync.Once
	queues     map[string]*sendQueue // by endpoint ID; "" for conference-level requests
	// retired are closed endpoint queues that may still be running: a new
	// queue for the same endpoint waits for them, keeping expire → create order.
	retired map[string]*sendQueue
	dropped int
}

func newBridgeQueues(ctx context.Context, wg *sync.WaitGroup, act *activity) *bridgeQueues {
	return &bridgeQueues{ctx: ctx, wg: wg, act: act, created: make(chan struct{}),
		queues: map[string]*sendQueue{}, retired: map[string]*sendQueue{}}
}

// push queues task for the endpoint key ("" for the conference). A create
// request runs at once; every other request waits for the create's answer.
func (b *bridgeQueues) push(key string, create bool, task func(context.Context)) bool {
	q := b.queues[key]
	if q == nil {
		q = newSendQueue(b.ctx, b.wg, b.act)
		if old := b.retired[key]; old != nil {
			delete(b.retired, key)
			q.push(func(ctx context.Context) {
				select {
				case <-old.finished:
				case <-ctx.Done():
				}
			})
		}
		b.queues[key] = q
	}
	ok := q.push(func(ctx context.Context) {
		if !create {
			select {
			case <-b.created:
			case <-ctx.Done():
				return
			}
		}
		task(ctx)
		if create {
			b.createOnce.Do(func() { close(b.created) })
		}
	})
	if !ok {
		b.dropped++
	}
	return ok
}

// pushLast queues a conference-level task (expiring the conference) to run
// after everything already queued for every endpoint.
func (b *bridgeQueues) pushLast(task func(context.Context)) bool {
	arrived := make(chan struct{}, len(b.queues)+len(b.retired))
	n := 0
	for key, q := range b.queues {
		if key != "" && q.push(func(context.Context) { arrived <- struct{}{} }) {
			n++
		}
	}
	retired := make([]*sendQueue, 0, len(b.retired))
	for _, q := range b.retired {
		retired = append(retired, q)
	}
	return b.push("", false, func(ctx context.Context) {
		for i := 0; i < n; i++ {
			select {
			case <-arrived:
			case <-ctx.Done():
				return
			}
		}
		for _, q := range retired {
			select {
			case <-q.finished:
			case <-ctx.Done():
				return
			}
		}
		task(ctx)
	})
}

// retire closes the endpoint's queue once what is queued has gone out.
func (b *bridgeQueues) retire(key string) {
	if q := b.queues[key]; q != nil {
		q.close()
		delete(b.queues, key)
		b.retired[key] = q
	}
}

// closeAll lets every queued request go out, then ends the queues.
func (b *bridgeQueues) closeAll() {
	for _, q := range b.queues {
		q.close()
	}
}

// abortAll drops every queued request and cancels those in flight.
func (b *bridgeQueues) abortAll() {
	for _, q := range b.queues {
		q.abort()
	}
	for _, q := range b.retired {
		q.abort()
	}
}
