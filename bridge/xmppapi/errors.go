package xmppapi

import "errors"

// Sentinel errors returned (wrapped with %w) by this package.
var (
	// ErrConfig is an unusable xmpp-client configuration.
	ErrConfig = errors.New("xmppapi: invalid xmpp-client config")
	// ErrPingTimeout is a keepalive ping the server did not answer in time.
	ErrPingTimeout = errors.New("xmppapi: ping timeout")
	// ErrRoomLost is a brewery room we were removed from.
	ErrRoomLost = errors.New("xmppapi: left the room")
	// ErrStopped is returned by Start after Stop.
	ErrStopped = errors.New("xmppapi: stopped")
)
