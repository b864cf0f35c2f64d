package participant

import "errors"

var (
	// ErrState is a Jingle action that does not fit the session's state
	// (source-add before session-initiate, a second initiate).
	ErrState = errors.New("participant: action out of order")
	// ErrNegotiation is an offer the PeerConnection refused, or an answer
	// that could not be made.
	ErrNegotiation = errors.New("participant: negotiation failed")
	// ErrClosed is a call on a closed session.
	ErrClosed = errors.New("participant: session closed")
	// ErrNoSocket is a network cut on a session without Config.OwnSocket.
	ErrNoSocket = errors.New("participant: session has no own socket to cut")
)
