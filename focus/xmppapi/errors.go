package xmppapi

import "errors"

// Sentinel errors of the focus's XMPP side, wrapped with %w.
var (
	// ErrBadRequest is a conference request without a usable room.
	ErrBadRequest = errors.New("xmppapi: bad conference request")
	// ErrNotConnected is a request while the client session is down.
	ErrNotConnected = errors.New("xmppapi: not connected to the XMPP server")
	// ErrRoomClosed is a request for a room session that ended.
	ErrRoomClosed = errors.New("xmppapi: room session ended")
	// ErrBadConfig is a configuration the XMPP side cannot run with.
	ErrBadConfig = errors.New("xmppapi: bad configuration")
	// ErrOverloaded is a request refused because too many are pending.
	ErrOverloaded = errors.New("xmppapi: too many pending requests")
)

// errNoBridge is the health failure while no bridge is operational.
var errNoBridge = errors.New("xmppapi: no operational bridge")
