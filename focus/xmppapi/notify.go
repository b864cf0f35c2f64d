package xmppapi

import (
	"context"
	"sync"
)

// notifier wakes waiters whenever the service's state changes: a
// connection comes or goes, a bridge event, a room session starts or ends.
type notifier struct {
	mu sync.Mutex
	ch chan struct{}
}

func (n *notifier) wait() <-chan struct{} {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.ch == nil {
		n.ch = make(chan struct{})
	}
	return n.ch
}

func (n *notifier) changed() {
	n.mu.Lock()
	if n.ch != nil {
		close(n.ch)
		n.ch = nil
	}
	n.mu.Unlock()
}

// WaitFor returns nil once cond holds, checking it again at every state
// change (connections, bridges, rooms), or ctx's error.
func (s *Service) WaitFor(ctx context.Context, cond func(*Service) bool) error {
	for {
		ch := s.state.wait()
		if cond(s) {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
