package xmppapi

import (
	"context"
	"sync"
	"testing"
)

// TestSerialOrder: tasks of one key run in order, one at a time, while
// another key proceeds although the first key is blocked.
func TestSerialOrder(t *testing.T) {
	ctx, cancel := context.WithCancel(testCtx(t, 10e9))
	s := newSerial(ctx, 3)
	block := make(chan struct{})
	var mu sync.Mutex
	var got []int
	s.push("a", false, func(context.Context) { <-block })
	for i := range 3 {
		s.push("a", true, func(context.Context) {
			mu.Lock()
			got = append(got, i)
			mu.Unlock()
		})
	}
	if s.push("a", false, func(context.Context) {}) {
		t.Error("a queue over its limit accepted a task")
	}
	other := make(chan struct{})
	s.push("b", false, func(context.Context) { close(other) })
	select {
	case <-other:
	case <-ctx.Done():
		t.Fatal("key b waited for key a")
	}
	close(block)
	cancel()
	s.wait()
	if len(got) != 3 || got[0] != 0 || got[1] != 1 || got[2] != 2 {
		t.Errorf("order %v", got)
	}
	if s.push("a", true, func(context.Context) {}) {
		t.Error("accepted a task after the context ended")
	}
}
