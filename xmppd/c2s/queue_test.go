package c2s

import (
	"sync"
	"sync/atomic"
	"testing"
)

// queueOp is one step of a scripted OutQueue run.
type queueOp struct {
	op        string // push, take, done, close
	arg       int    // push: value; take: batch capacity; done: count
	ok, start bool   // push results
	got       []int  // take result
	ring      int    // ring length after the step (-1: not checked)
}

func TestOutQueue(t *testing.T) {
	for _, tc := range []struct {
		name  string
		limit int
		ops   []queueOp
	}{
		{"bound counts taken items until Done", 3, []queueOp{
			{op: "push", arg: 1, ok: true, start: true, ring: 3}, // the ring never exceeds the bound
			{op: "push", arg: 2, ok: true, ring: -1},
			{op: "push", arg: 3, ok: true, ring: -1},
			{op: "push", arg: 4, ring: -1},
			{op: "take", arg: 2, got: []int{1, 2}, ring: -1},
			{op: "push", arg: 5, ring: -1},
			{op: "done", arg: 2, ring: -1},
			{op: "push", arg: 6, ok: true, ring: -1},
			{op: "take", arg: 8, got: []int{3, 6}, ring: -1},
		}},
		{"empty take stops the writer; next push starts one", 10, []queueOp{
			{op: "push", arg: 1, ok: true, start: true, ring: -1},
			{op: "push", arg: 2, ok: true, ring: -1},
			{op: "take", arg: 1, got: []int{1}, ring: -1},
			{op: "push", arg: 3, ok: true, ring: -1},
			{op: "take", arg: 4, got: []int{2, 3}, ring: -1},
			{op: "done", arg: 3, ring: -1},
			{op: "take", arg: 4, ring: -1},
			{op: "push", arg: 4, ok: true, start: true, ring: -1},
		}},
		{"ring grows on demand and is released when the writer exits", 4096, append(pushes(1, 20),
			queueOp{op: "take", arg: 32, got: seq(1, 20), ring: 32},
			queueOp{op: "done", arg: 20, ring: 32},
			queueOp{op: "push", arg: 21, ok: true, ring: 32},
			queueOp{op: "take", arg: 32, got: []int{21}, ring: 32},
			queueOp{op: "take", arg: 32, ring: 0},
			queueOp{op: "push", arg: 22, ok: true, start: true, ring: queueMinRing},
			queueOp{op: "take", arg: 32, got: []int{22}, ring: queueMinRing},
			queueOp{op: "take", arg: 32, ring: queueMinRing},
		)},
		{"order survives wrap-around", 8, []queueOp{
			{op: "push", arg: 1, ok: true, start: true, ring: 4},
			{op: "push", arg: 2, ok: true, ring: 4},
			{op: "push", arg: 3, ok: true, ring: 4},
			{op: "take", arg: 2, got: []int{1, 2}, ring: 4},
			{op: "push", arg: 4, ok: true, ring: 4},
			{op: "push", arg: 5, ok: true, ring: 4},
			{op: "push", arg: 6, ok: true, ring: 4},
			{op: "push", arg: 7, ok: true, ring: 8},
			{op: "take", arg: 8, got: []int{3, 4, 5, 6, 7}, ring: 8},
			{op: "take", arg: 8, ring: 0},
		}},
		{"closed queue refuses and drops", 8, []queueOp{
			{op: "push", arg: 1, ok: true, start: true, ring: -1},
			{op: "close", ring: 0},
			{op: "push", arg: 2, ring: 0},
			{op: "take", arg: 8, ring: 0},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := NewOutQueue[int](tc.limit)
			for i, op := range tc.ops {
				runQueueOp(t, q, i, op)
			}
		})
	}
}

func runQueueOp(t *testing.T, q *OutQueue[int], i int, op queueOp) {
	t.Helper()
	switch op.op {
	case "push":
		if ok, start := q.Push(op.arg); ok != op.ok || start != op.start {
			t.Fatalf("step %d push %d: ok=%v start=%v, want %v %v", i, op.arg, ok, start, op.ok, op.start)
		}
	case "take":
		got := q.Take(make([]int, 0, op.arg))
		if !equalInts(got, op.got) {
			t.Fatalf("step %d take: %v, want %v", i, got, op.got)
		}
	case "done":
		q.Done(op.arg)
	case "close":
		q.Close()
	}
	if op.ring >= 0 && len(q.ring) != op.ring {
		t.Fatalf("step %d %s: ring %d, want %d", i, op.op, len(q.ring), op.ring)
	}
}

func pushes(from, to int) []queueOp {
	ops := []queueOp{{op: "push", arg: from, ok: true, start: true, ring: queueMinRing}}
	for v := from + 1; v <= to; v++ {
		ops = append(ops, queueOp{op: "push", arg: v, ok: true, ring: -1})
	}
	return ops
}

func seq(from, to int) []int {
	var s []int
	for v := from; v <= to; v++ {
		s = append(s, v)
	}
	return s
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestOutQueueConcurrent: producers push from many goroutines and start
// writers as told; every item arrives once, in per-producer order, and no
// two writers ever hold a batch at once.
func TestOutQueueConcurrent(t *testing.T) {
	const producers, each = 8, 2000
	q := NewOutQueue[int](producers * each)
	var (
		mu      sync.Mutex
		last    = map[int]int{}
		got     int
		inBatch atomic.Int32
		writers sync.WaitGroup
	)
	writer := func() {
		defer writers.Done()
		var arr [16]int
		for {
			batch := q.Take(arr[:0])
			if len(batch) == 0 {
				return
			}
			if inBatch.Add(1) != 1 {
				t.Error("two writers hold a batch at once")
			}
			mu.Lock()
			for _, v := range batch {
				p, n := v/each, v%each
				if prev, ok := last[p]; ok && n != prev+1 {
					t.Errorf("producer %d: %d after %d", p, n, prev)
				}
				last[p] = n
				got++
			}
			mu.Unlock()
			inBatch.Add(-1)
			q.Done(len(batch))
		}
	}
	var wg sync.WaitGroup
	for p := range producers {
		wg.Go(func() {
			for n := range each {
				ok, start := q.Push(p*each + n)
				if !ok {
					t.Errorf("push refused below the bound")
				}
				if start {
					writers.Add(1)
					go writer()
				}
			}
		})
	}
	wg.Wait()
	writers.Wait()
	if got != producers*each {
		t.Fatalf("delivered %d of %d", got, producers*each)
	}
}
