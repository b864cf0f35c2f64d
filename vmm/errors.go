package vmm

import (
	"errors"

	"github.com/jitsi-go/jitsi-go/internal/bsdconf"
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

// lineErr wraps a sentinel with the 1-based line number.
var lineErr = bsdconf.LineErr
