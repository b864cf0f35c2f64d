package focus

import (
	"time"

	"github.com/jitsi-go/jitsi-go/config"
)

// rateLimit accepts a request when none was accepted within MinInterval and
// fewer than MaxRequests were accepted within Interval
// (jicofo.conference.restart-request-rate-limits).
type rateLimit struct {
	cfg      config.RateLimit
	accepted []time.Time
}

func (r *rateLimit) accept(now time.Time) bool {
	keep := r.accepted[:0]
	for _, t := range r.accepted {
		if now.Sub(t) < r.cfg.Interval {
			keep = append(keep, t)
		}
	}
	r.accepted = keep
	if n := len(keep); n > 0 && now.Sub(keep[n-1]) < r.cfg.MinInterval {
		return false
	}
	if len(keep) >= r.cfg.MaxRequests {
		return false
	}
	r.accepted = append(r.accepted, now)
	return true
}
