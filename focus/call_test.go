package focus

import (
	"context"
	"errors"
	"testing"
)

// TestCallGivenUp: a Snapshot whose caller gives up while the executor is
// busy returns the context's error, and the snapshot the executor takes
// afterwards is not written where the caller reads (run with -race: the
// /stats handler's 2 s timeout raced this way under load). The caller's
// read and the executor's late run are deliberately left unordered.
func TestCallGivenUp(t *testing.T) {
	h := newHarness(t, "")
	for range 20 {
		busy, release := make(chan struct{}), make(chan struct{})
		go func() { _ = h.conf.do(h.ctx(), func(*conference) { close(busy); <-release }) }()
		<-busy
		ctx, cancel := context.WithCancel(h.ctx())
		done := make(chan error, 1)
		go func() {
			snap, err := h.conf.Snapshot(ctx)
			_ = snap.Participants // the caller reads what it got
			done <- err
		}()
		cancel()
		close(release) // the executor may now take the snapshot, or already has
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("Snapshot: %v", err)
		}
	}
	if _, err := h.conf.Snapshot(h.ctx()); err != nil { // the executor goes on
		t.Fatal(err)
	}
}
