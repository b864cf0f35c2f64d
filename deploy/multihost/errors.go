package multihost

import "errors"

var (
	// ErrParse is an emitted file this package cannot read.
	ErrParse = errors.New("multihost: unreadable emitted file")
	// ErrSetup is a namespace, link or process that could not be set up.
	ErrSetup = errors.New("multihost: setup failed")
	// ErrNotReady is a deployment that did not become ready in time.
	ErrNotReady = errors.New("multihost: not ready")
)
