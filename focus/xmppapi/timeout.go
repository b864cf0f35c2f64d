package xmppapi

import (
	"context"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// withTimeout is context.WithTimeout on an injected clock: with the real
// clock it is exactly that; with another clock the context is cancelled
// when clk.After(d) fires.
func withTimeout(ctx context.Context, clk clock.Clock, d time.Duration) (context.Context, context.CancelFunc) {
	if _, ok := clk.(clock.Real); ok || clk == nil {
		return context.WithTimeout(ctx, d)
	}
	cctx, cancel := context.WithCancelCause(ctx)
	fire := clk.After(d)
	go func() {
		select {
		case <-fire:
			cancel(context.DeadlineExceeded)
		case <-cctx.Done():
		}
	}()
	return cctx, func() { cancel(context.Canceled) }
}

// sleep waits d on clk; it returns false when ctx ended first.
func sleep(ctx context.Context, clk clock.Clock, d time.Duration) bool {
	select {
	case <-clk.After(d):
		return true
	case <-ctx.Done():
		return false
	}
}
