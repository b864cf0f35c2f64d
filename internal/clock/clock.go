// Package clock lets timeouts and periodic work run on an injected clock, so
// tests advance time instead of sleeping.
package clock

import "time"

// Clock is the part of package time that timed code uses.
type Clock interface {
	Now() time.Time
	// After delivers the time once d has passed.
	After(d time.Duration) <-chan time.Time
}

// Real is the wall clock.
type Real struct{}

// Now returns time.Now().
func (Real) Now() time.Time { return time.Now() }

// After returns time.After(d).
func (Real) After(d time.Duration) <-chan time.Time { return time.After(d) }
