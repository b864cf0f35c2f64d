package brewery

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// ErrCheckTimeout is the cause given to a health check's context when the
// bridge did not answer within the timeout.
var ErrCheckTimeout = errors.New("brewery: health check timed out")

// CheckFunc sends one healthcheck IQ to the bridge's occupant JID and returns
// nil on a result, or an error for an error reply. It must return promptly
// once ctx is done.
type CheckFunc func(ctx context.Context, jid string) error

// HealthChecker checks every bridge in a registry periodically, as jicofo's
// JvbDoctor does: an error reply marks the bridge failed at once; a timeout
// is retried once after RetryDelay, and a second timeout marks it failed.
type HealthChecker struct {
	Registry *Registry
	Check    CheckFunc
	Clock    clock.Clock
	// Interval between checks of one bridge (jicofo: 10 s).
	Interval time.Duration
	// RetryDelay before retrying a timed-out check (jicofo: Interval/2).
	RetryDelay time.Duration
	// Timeout for one check's reply (jicofo's reply-timeout: 15 s).
	Timeout time.Duration

	mu       sync.Mutex
	inFlight map[string]bool
}

// Run checks the bridges until ctx is done.
func (h *HealthChecker) Run(ctx context.Context) {
	h.defaults()
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		for _, b := range h.Registry.Bridges() {
			if !h.claim(b.JID) {
				continue
			}
			wg.Add(1)
			go func(jid string) {
				defer wg.Done()
				defer h.release(jid)
				h.checkOne(ctx, jid)
			}(b.JID)
		}
		select {
		case <-ctx.Done():
			return
		case <-h.Clock.After(h.Interval):
		}
	}
}

func (h *HealthChecker) defaults() {
	if h.Clock == nil {
		h.Clock = clock.Real{}
	}
	if h.Interval <= 0 {
		h.Interval = 10 * time.Second
	}
	if h.RetryDelay <= 0 {
		h.RetryDelay = h.Interval / 2
	}
	if h.Timeout <= 0 {
		h.Timeout = 15 * time.Second
	}
	h.mu.Lock()
	if h.inFlight == nil {
		h.inFlight = map[string]bool{}
	}
	h.mu.Unlock()
}

func (h *HealthChecker) claim(jid string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.inFlight[jid] {
		return false
	}
	h.inFlight[jid] = true
	return true
}

func (h *HealthChecker) release(jid string) {
	h.mu.Lock()
	delete(h.inFlight, jid)
	h.mu.Unlock()
}

// checkOne runs one check of one bridge, with its single retry on timeout.
func (h *HealthChecker) checkOne(ctx context.Context, jid string) {
	for attempt := 0; attempt < 2; attempt++ {
		err := h.attempt(ctx, jid)
		switch {
		case ctx.Err() != nil:
			return
		case err == nil:
			h.Registry.MarkHealthy(jid)
			return
		case !errors.Is(err, ErrCheckTimeout):
			h.Registry.MarkFailed(jid)
			return
		}
		if attempt == 0 {
			select {
			case <-ctx.Done():
				return
			case <-h.Clock.After(h.RetryDelay):
			}
		}
	}
	h.Registry.MarkFailed(jid)
}

// attempt sends one check and waits at most Timeout on the injected clock.
func (h *HealthChecker) attempt(ctx context.Context, jid string) error {
	cctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stop := make(chan struct{})
	defer close(stop)
	timer := h.Clock.After(h.Timeout)
	go func() {
		select {
		case <-timer:
			cancel(ErrCheckTimeout)
		case <-stop:
		}
	}()
	err := h.Check(cctx, jid)
	if cause := context.Cause(cctx); errors.Is(cause, ErrCheckTimeout) {
		return ErrCheckTimeout
	}
	return err
}
