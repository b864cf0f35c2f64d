package focus

import "errors"

// Sentinel errors of the focus core. They are wrapped with %w and say which
// participant, bridge or element was at fault.
var (
	// ErrNoTransport is a Colibri2 reply without the endpoint's ICE-UDP transport.
	ErrNoTransport = errors.New("focus: colibri2 reply without transport")
	// ErrNoSCTPPort is a reply without <sctp port> although SCTP was requested.
	ErrNoSCTPPort = errors.New("focus: colibri2 reply without sctp port")
	// ErrClosed is an event posted to a conference that has ended.
	ErrClosed = errors.New("focus: conference has ended")
	// ErrSourceNotOwned is a source-remove naming an SSRC the sender does not own.
	ErrSourceNotOwned = errors.New("focus: source does not exist or is owned by another endpoint")
	// ErrGroupNotOwned is a source-remove naming an ssrc-group the sender does not have.
	ErrGroupNotOwned = errors.New("focus: ssrc-group does not exist")
	// ErrSenderLimit is a source-add over max-audio-senders or max-video-senders.
	ErrSenderLimit = errors.New("focus: sender count exceeded")
	// ErrBadConfig is a configuration the core cannot work with.
	ErrBadConfig = errors.New("focus: bad configuration")
)
