package xconfig

import "errors"

// ErrInvalid is returned for configurations that parse but make no sense.
var ErrInvalid = errors.New("xconfig: invalid configuration")
