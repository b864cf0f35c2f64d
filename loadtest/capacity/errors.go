package capacity

import "errors"

var (
	// ErrUsage is a bad command line (flags or steps).
	ErrUsage = errors.New("capacity: usage")
	// ErrDeploy is a deployment that could not be written, started or
	// made ready.
	ErrDeploy = errors.New("capacity: deployment")
	// ErrDied is a server process that exited while it should run.
	ErrDied = errors.New("capacity: server process exited")
)
