package brewery

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// scriptedBridge answers health checks from a script: "ok", "error", or
// "silent" (never answers; the checker's timeout must fire).
type scriptedBridge struct {
	mu      sync.Mutex
	replies []string
	calls   chan string
}

func (s *scriptedBridge) check(ctx context.Context, jid string) error {
	s.mu.Lock()
	reply := "ok"
	if len(s.replies) > 0 {
		reply, s.replies = s.replies[0], s.replies[1:]
	}
	s.mu.Unlock()
	s.calls <- reply
	switch reply {
	case "error":
		return errors.New("internal-server-error")
	case "silent":
		<-ctx.Done()
		return ctx.Err()
	}
	return nil
}

func TestHealthChecker(t *testing.T) {
	tests := []struct {
		name       string
		replies    []string
		wantFailed bool
	}{
		{"healthy", []string{"ok"}, false},
		{"error reply", []string{"error"}, true},
		{"one timeout then ok", []string{"silent", "ok"}, false},
		{"two timeouts", []string{"silent", "silent"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clk := clock.NewFake(time.Unix(0, 0))
			failed := make(chan Event, 4)
			r := NewRegistry(Config{}, clk, func(e Event) {
				if e.Kind == BridgeFailed {
					failed <- e
				}
			})
			r.Update("jvb1", Stats{})
			sb := &scriptedBridge{replies: tc.replies, calls: make(chan string, 4)}
			h := &HealthChecker{Registry: r, Check: sb.check, Clock: clk, Interval: 10 * time.Second, Timeout: 15 * time.Second}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { h.Run(ctx); close(done) }()
			for i, reply := range tc.replies {
				<-sb.calls
				if reply == "silent" {
					// Timeout timer + the run loop's interval timer (+ retry timer after).
					clk.WaitForWaiters(2, done)
					clk.Advance(15 * time.Second)
					if i == 0 && len(tc.replies) > 1 {
						clk.WaitForWaiters(2, done)
						clk.Advance(5 * time.Second) // RetryDelay = Interval/2
					}
				}
			}
			if tc.wantFailed {
				select {
				case e := <-failed:
					if e.JID != "jvb1" {
						t.Fatalf("failed %v", e)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("bridge never marked failed")
				}
			}
			cancel()
			<-done
			b, _ := r.Get("jvb1")
			if b.Operational == tc.wantFailed {
				t.Fatalf("operational = %v, want %v", b.Operational, !tc.wantFailed)
			}
		})
	}
}
