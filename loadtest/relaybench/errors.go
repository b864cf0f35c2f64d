package relaybench

import "errors"

// Sentinel errors, wrapped with %w.
var (
	ErrBadFlag          = errors.New("relaybench: bad flag")
	ErrBadControl       = errors.New("relaybench: bad control message")
	ErrChildExited      = errors.New("relaybench: child process exited")
	ErrChildTimeout     = errors.New("relaybench: child did not answer in time")
	ErrHandshake        = errors.New("relaybench: ICE/DTLS handshake failed")
	ErrHandshakeTimeout = errors.New("relaybench: ICE/DTLS handshake timeout")
	ErrNoTraffic        = errors.New("relaybench: receivers got no packets")
	ErrBadPacket        = errors.New("relaybench: forwarded packet failed to decrypt or verify")
)
