package vmm

import (
	"errors"
	"fmt"
)

// Sentinel errors; every error returned by this package wraps one of them.
var (
	// ErrSyntax is returned for text the grammar does not accept.
	ErrSyntax = errors.New("vm.conf syntax error")
	// ErrMacro is returned for an undefined, misnamed or runaway macro.
	ErrMacro = errors.New("vm.conf macro error")
	// ErrVM is returned for a VM definition vmd would refuse.
	ErrVM = errors.New("vm.conf vm error")
	// ErrEmit is returned when emitted text does not parse back to the
	// VMs it was made from.
	ErrEmit = errors.New("vm.conf emit error")
)

func lineErr(sentinel error, line int, format string, args ...any) error {
	return fmt.Errorf("%w: line %d: %s", sentinel, line, fmt.Sprintf(format, args...))
}
