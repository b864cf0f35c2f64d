package sfu

import "time"

// Clock tells the time. Every timeout in the package (ICE pacing, consent
// freshness, keyframe rate limits, report intervals, speaker detection) reads
// it, so tests can inject a controllable clock.
type Clock interface {
	Now() time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
