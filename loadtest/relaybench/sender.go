package relaybench

import (
	"context"
	"sync/atomic"
	"time"
)

// maxBurst bounds the packets sent back to back when the sender is behind
// schedule, so a stall never turns into a flood.
const maxBurst = 32

// pacer sends packets from a packetizer through a peer at a fixed rate.
type pacer struct {
	p      *peer
	pz     *packetizer
	rate   float64 // packets per second
	sent   atomic.Uint64
	errs   atomic.Uint64
	failed atomic.Pointer[error]
}

// run sends until ctx ends. The schedule is absolute (start + n/rate), so
// short sleeps do not lower the rate; if the sender falls more than a
// second behind it skips ahead instead of bursting.
func (pc *pacer) run(ctx context.Context) {
	start := time.Now()
	var due uint64
	for ctx.Err() == nil {
		due = uint64(time.Since(start).Seconds() * pc.rate)
		sent := pc.sent.Load()
		if due <= sent {
			wait := time.Duration(float64(sent+1-due) / pc.rate * float64(time.Second))
			time.Sleep(min(wait, 5*time.Millisecond))
			continue
		}
		if due-sent > uint64(pc.rate) { // > 1 s behind: drop the backlog
			start = time.Now().Add(-time.Duration(float64(sent) / pc.rate * float64(time.Second)))
			continue
		}
		for range min(due-sent, maxBurst) {
			pc.sendOne()
		}
	}
}

func (pc *pacer) sendOne() {
	b, err := pc.pz.next()
	if err == nil {
		err = pc.p.write(b)
	}
	if err != nil {
		pc.errs.Add(1)
		pc.failed.CompareAndSwap(nil, &err)
	}
	pc.sent.Add(1)
}
