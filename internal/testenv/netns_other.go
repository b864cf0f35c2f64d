//go:build !linux

package testenv

import (
	"fmt"
	"runtime"
)

// reexecInNetNS fails: network namespaces are a Linux feature.
func reexecInNetNS() (int, error) {
	return 0, fmt.Errorf("%w: %s has no network namespaces", ErrNoNetNS, runtime.GOOS)
}

func loopbackUp() error { return fmt.Errorf("%w: %s", ErrNoNetNS, runtime.GOOS) }
