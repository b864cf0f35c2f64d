package colibri

import "errors"

// Sentinel errors of this package. Decoders and Validate wrap them with %w
// and say which element or attribute was at fault.
var (
	// ErrMissingAttribute: a required attribute is absent or empty.
	ErrMissingAttribute = errors.New("colibri: missing attribute")
	// ErrInvalidValue: an attribute or text value is not one the protocol allows.
	ErrInvalidValue = errors.New("colibri: invalid value")
	// ErrUnexpectedElement: the element is not the one the decoder was asked for.
	ErrUnexpectedElement = errors.New("colibri: unexpected element")
	// ErrStanza: the stanza envelope (iq, presence) could not be decoded.
	ErrStanza = errors.New("colibri: bad stanza")
)
