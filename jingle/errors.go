package jingle

import "errors"

// Decoding and protocol errors.
var (
	// ErrMalformed wraps XML that does not decode into the expected element.
	ErrMalformed = errors.New("jingle: malformed XML")
	// ErrMissingAction is a <jingle/> without an action attribute.
	ErrMissingAction = errors.New("jingle: missing action")
	// ErrUnknownAction is an action outside XEP-0166 and Jitsi's source-add/-remove.
	ErrUnknownAction = errors.New("jingle: unknown action")
	// ErrMissingSID is a <jingle/> without a sid attribute.
	ErrMissingSID = errors.New("jingle: missing sid")
	// ErrMissingContentName is a <content/> without a name.
	ErrMissingContentName = errors.New("jingle: content without name")
	// ErrDuplicateContent is two contents with the same name.
	ErrDuplicateContent = errors.New("jingle: duplicate content name")
	// ErrNotJingleIQ is an IQ that carries neither <jingle/> nor <error/>.
	ErrNotJingleIQ = errors.New("jingle: IQ carries no jingle payload")
)

// Source errors, from the json-message codec, the content conversions and
// the validation helpers. Validation errors come wrapped in *SourceError.
var (
	// ErrBadJSON is a json-message that is not valid JSON or not in the
	// compact sources format.
	ErrBadJSON = errors.New("jingle: bad json-message")
	// ErrNoSources is a json-message without a "sources" member (a message
	// of another kind).
	ErrNoSources = errors.New("jingle: json-message has no sources")
	// ErrUnknownMedia is a source in a content whose media is neither audio
	// nor video.
	ErrUnknownMedia = errors.New("jingle: sources for unknown media type")
	// ErrInvalidSemantics is an ssrc-group semantics other than SIM or FID.
	ErrInvalidSemantics = errors.New("jingle: invalid ssrc-group semantics")
	// ErrMissingOwner is a source without <ssrc-info owner/> where one is needed.
	ErrMissingOwner = errors.New("jingle: source without owner")
	// ErrInvalidSSRC is SSRC 0, which neither jicofo nor the bridge accept.
	ErrInvalidSSRC = errors.New("jingle: invalid SSRC")
	// ErrDuplicateSSRC is an SSRC signalled twice by one endpoint.
	ErrDuplicateSSRC = errors.New("jingle: duplicate SSRC")
	// ErrSSRCConflict is an SSRC used by two endpoints.
	ErrSSRCConflict = errors.New("jingle: SSRC used by another endpoint")
	// ErrGroupUnknownSource is an ssrc-group member that is not a source.
	ErrGroupUnknownSource = errors.New("jingle: ssrc-group names an SSRC that is not a source")
	// ErrEmptyGroup is an ssrc-group without members.
	ErrEmptyGroup = errors.New("jingle: empty ssrc-group")
	// ErrInvalidFIDGroup is an FID group without exactly two members.
	ErrInvalidFIDGroup = errors.New("jingle: FID group must have two SSRCs")
	// ErrMissingMSID is a grouped source without an msid.
	ErrMissingMSID = errors.New("jingle: grouped source without msid")
	// ErrGroupMSIDMismatch is a group whose sources have different msids.
	ErrGroupMSIDMismatch = errors.New("jingle: ssrc-group sources have different msids")
	// ErrMSIDConflict is one msid used by two independent sources.
	ErrMSIDConflict = errors.New("jingle: msid used by two sources")
	// ErrTooManySources is an endpoint over the configured SSRC or group limit.
	ErrTooManySources = errors.New("jingle: too many sources")
)
