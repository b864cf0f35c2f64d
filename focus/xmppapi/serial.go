package xmppapi

import (
	"context"
	"sync"
)

// serial runs tasks one at a time per key (an occupant's nick) and keys in
// parallel, without a goroutine for an idle key: what one occupant sends
// (presence, Jingle, mute) is handled in order, and a slow disco#info to one
// occupant does not hold up the others. Each key holds at most limit
// waiting tasks.
type serial struct {
	ctx   context.Context
	limit int

	mu   sync.Mutex
	keys map[string][]func(context.Context)
	wg   sync.WaitGroup
}

func newSerial(ctx context.Context, limit int) *serial {
	return &serial{ctx: ctx, limit: limit, keys: map[string][]func(context.Context){}}
}

// push queues task under key. It reports false, queuing nothing, when the
// key already holds limit tasks (unless force) or the runner has stopped.
func (s *serial) push(key string, force bool, task func(context.Context)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx.Err() != nil {
		return false
	}
	q, running := s.keys[key]
	if !force && len(q) >= s.limit {
		return false
	}
	s.keys[key] = append(q, task)
	if !running {
		s.wg.Add(1)
		go s.drain(key)
	}
	return true
}

func (s *serial) drain(key string) {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		q := s.keys[key]
		if len(q) == 0 {
			delete(s.keys, key)
			s.mu.Unlock()
			return
		}
		task := q[0]
		q[0] = nil
		s.keys[key] = q[1:]
		s.mu.Unlock()
		task(s.ctx)
	}
}

// wait returns once every queued task has run; call it after the context
// is done so that no new task is accepted. Taking the lock first orders it
// after any push that saw a live context and is still adding to wg (an Add
// from zero concurrent with Wait is a race).
func (s *serial) wait() {
	s.mu.Lock()
	s.mu.Unlock() //nolint:staticcheck // an empty critical section is the point
	s.wg.Wait()
}
