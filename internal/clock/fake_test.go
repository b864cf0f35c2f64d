package clock

import (
	"testing"
	"time"
)

func TestFakeFiresInOrder(t *testing.T) {
	start := time.Unix(1000, 0)
	f := NewFake(start)
	a := f.After(2 * time.Second)
	b := f.After(time.Second)
	f.Advance(1500 * time.Millisecond)
	select {
	case got := <-b:
		if !got.Equal(start.Add(1500 * time.Millisecond)) {
			t.Fatalf("b fired at %v", got)
		}
	default:
		t.Fatal("b did not fire")
	}
	select {
	case <-a:
		t.Fatal("a fired early")
	default:
	}
	f.Advance(time.Second)
	<-a
	if f.Waiters() != 0 {
		t.Fatalf("%d waiters left", f.Waiters())
	}
	if z := f.After(0); len(z) != 1 {
		t.Fatal("After(0) did not fire at once")
	}
}

func TestWaitForWaiters(t *testing.T) {
	f := NewFake(time.Unix(0, 0))
	go f.After(time.Second)
	if !f.WaitForWaiters(1, nil) {
		t.Fatal("no waiter seen")
	}
	done := make(chan struct{})
	close(done)
	if f.WaitForWaiters(5, done) {
		t.Fatal("WaitForWaiters(5) returned true")
	}
}
