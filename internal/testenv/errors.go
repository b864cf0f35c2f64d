package testenv

import "errors"

var (
	// ErrNotInstalled means a program the launcher needs is missing.
	ErrNotInstalled = errors.New("testenv: program not installed")
	// ErrNotReady means a started program did not become ready in time.
	ErrNotReady = errors.New("testenv: program not ready")
	// ErrExited means a started program exited while it was expected to run.
	ErrExited = errors.New("testenv: program exited")
	// ErrConfig means a launcher configuration is incomplete.
	ErrConfig = errors.New("testenv: bad configuration")
	// ErrNoNetNS means the OS cannot give this process a private network namespace.
	ErrNoNetNS = errors.New("testenv: no private network namespace")
)
