package bridge

import "errors"

// Sentinel errors returned (wrapped with %w) by this package.
var (
	ErrInvalidConfig = errors.New("bridge: invalid config")
	ErrUnhealthy     = errors.New("bridge: unhealthy")
	ErrClosed        = errors.New("bridge: closed")
	// ErrBadMessage is a bridge-channel message that cannot be decoded.
	ErrBadMessage = errors.New("bridge: bad bridge-channel message")
)
