package demo

import "errors"

// Errors the demo returns, wrapped with details.
var (
	// ErrConfig is an invalid Config.
	ErrConfig = errors.New("demo: bad configuration")
	// ErrVendor means the browser bundle (jQuery, lib-jitsi-meet) is missing.
	ErrVendor = errors.New("demo: browser bundle missing")
	// ErrNotReady means the focus never saw an operational bridge.
	ErrNotReady = errors.New("demo: not ready")
)
