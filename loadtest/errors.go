package loadtest

import "errors"

var (
	// ErrOptions is a run that cannot start: an option out of range or
	// inconsistent with another. The message names the option.
	ErrOptions = errors.New("loadtest: bad options")
	// ErrNoMedia is a run where no participant received any media.
	ErrNoMedia = errors.New("loadtest: no participant received media")
)
