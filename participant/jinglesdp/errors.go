package jinglesdp

import "errors"

var (
	// ErrNoTransport is an offer without an ICE-UDP transport.
	ErrNoTransport = errors.New("jinglesdp: no ice-udp transport")
	// ErrNoMedia is an offer without an audio or video description.
	ErrNoMedia = errors.New("jinglesdp: no audio or video description")
	// ErrUnknownMedia is a source for a media type the offer has no
	// description for.
	ErrUnknownMedia = errors.New("jinglesdp: source for a media type without description")
	// ErrBadSDP is an SDP that cannot be parsed or lacks what Jingle needs.
	ErrBadSDP = errors.New("jinglesdp: bad SDP")
	// ErrBadCandidate is an a=candidate line that cannot be parsed.
	ErrBadCandidate = errors.New("jinglesdp: bad candidate")
	// ErrUnknownSSRC is a source to annotate that the SDP does not carry.
	ErrUnknownSSRC = errors.New("jinglesdp: ssrc not in SDP")
)
