package media

import "errors"

var (
	// ErrNoTrailer is a payload too short or without the trailer magic.
	ErrNoTrailer = errors.New("media: payload has no trailer")
	// ErrConfig is a sender configuration that cannot be used.
	ErrConfig = errors.New("media: bad sender configuration")
)
