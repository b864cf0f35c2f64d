package xmpp

import "errors"

// Sentinel errors returned by this package. Callers match them with errors.Is.
var (
	// ErrStanzaTooBig is returned when one top-level element exceeds the limit.
	ErrStanzaTooBig = errors.New("xmpp: stanza exceeds size limit")
	// ErrTooDeep is returned when elements nest deeper than the limit.
	ErrTooDeep = errors.New("xmpp: element nesting too deep")
	// ErrRestrictedXML is returned for DTDs, processing instructions and comments.
	ErrRestrictedXML = errors.New("xmpp: restricted XML (DTD, PI or comment)")
	// ErrStreamClosed is returned when the peer closed the stream.
	ErrStreamClosed = errors.New("xmpp: stream closed")
	// ErrUnexpected is returned when the peer sent an element that does not fit.
	ErrUnexpected = errors.New("xmpp: unexpected element")
	// ErrAuth is returned when SASL authentication failed.
	ErrAuth = errors.New("xmpp: authentication failed")
	// ErrNoMechanism is returned when no offered SASL mechanism is usable.
	ErrNoMechanism = errors.New("xmpp: no usable SASL mechanism")
	// ErrBind is returned when resource binding failed.
	ErrBind = errors.New("xmpp: resource binding failed")
	// ErrClosed is returned by operations on a closed Client.
	ErrClosed = errors.New("xmpp: client closed")
	// ErrStreamError wraps a stream error sent by the peer.
	ErrStreamError = errors.New("xmpp: stream error")
	// ErrBOSH is returned for BOSH protocol violations.
	ErrBOSH = errors.New("xmpp: BOSH protocol error")
)
