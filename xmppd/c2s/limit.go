package c2s

import (
	"errors"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/xmppd/clock"
)

var errRate = errors.New("c2s: rate limit wait aborted")

// limiter is a byte token bucket; a client that reads over its budget is
// throttled (its reader pauses) rather than disconnected, as prosody does.
type limiter struct {
	clk    clock.Clock
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

func newLimiter(clk clock.Clock, rate, burst int) *limiter {
	return &limiter{clk: clk, rate: float64(rate), burst: float64(burst), tokens: float64(burst), last: clk.Now()}
}

// Limiter throttles one connection's reads (exported for the HTTP framings).
// It is safe for concurrent use (BOSH requests may overlap).
type Limiter struct {
	mu sync.Mutex
	l  *limiter
}

// NewLimiter returns a limiter with env's rate limits.
func NewLimiter(env *Env) *Limiter {
	if !env.filled {
		env = env.Fill()
	}
	return &Limiter{l: newLimiter(env.Clock, env.Limits.RateBytes, env.Limits.RateBurst)}
}

// Wait spends n bytes, pausing on the env clock when over budget.
func (l *Limiter) Wait(n int64, done <-chan struct{}) error {
	l.mu.Lock()
	d := l.l.take(n)
	l.mu.Unlock()
	return l.l.wait(d, done)
}

// take spends n bytes and returns how long the reader must pause.
func (l *limiter) take(n int64) time.Duration {
	now := l.clk.Now()
	l.tokens += now.Sub(l.last).Seconds() * l.rate
	l.last = now
	if l.tokens > l.burst {
		l.tokens = l.burst
	}
	l.tokens -= float64(n)
	if l.tokens >= 0 {
		return 0
	}
	return time.Duration(-l.tokens / l.rate * float64(time.Second))
}

// wait pauses for d on the injected clock, or until done is closed.
func (l *limiter) wait(d time.Duration, done <-chan struct{}) error {
	if d <= 0 {
		return nil
	}
	ch := make(chan struct{})
	t := l.clk.AfterFunc(d, func() { close(ch) })
	defer t.Stop()
	select {
	case <-ch:
		return nil
	case <-done:
		return errRate
	}
}
