package mucbench

import "errors"

var (
	// ErrSyntax is returned for a byte stream that is not the XML an XMPP
	// stream can hold (an end tag with nothing open, an element before the
	// stream header).
	ErrSyntax = errors.New("mucbench: xml syntax")
	// ErrTooLarge is returned when one top-level element outgrows the
	// scanner's buffer limit.
	ErrTooLarge = errors.New("mucbench: element too large")
	// ErrProtocol is returned when a server answers a login or join step
	// with something else than the step expects.
	ErrProtocol = errors.New("mucbench: unexpected server answer")
	// ErrUsage is returned for bad flags.
	ErrUsage = errors.New("mucbench: bad usage")
)
