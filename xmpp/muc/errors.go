package muc

import "errors"

// Sentinel errors returned (wrapped with %w) by this package.
var (
	// ErrJoin wraps a refused or failed join; the stanza.Error is wrapped too.
	ErrJoin = errors.New("muc: join failed")
	// ErrAlreadyJoined is returned by Join for a room this client is in.
	ErrAlreadyJoined = errors.New("muc: room already joined")
	// ErrNotInRoom is returned by operations on a room we left or lost.
	ErrNotInRoom = errors.New("muc: not in the room")
	// ErrBadJID is returned for a room JID that does not parse or is not bare.
	ErrBadJID = errors.New("muc: bad room JID")
	// ErrBadReply is returned when the room's reply lacks what was asked for.
	ErrBadReply = errors.New("muc: unexpected reply")
)
