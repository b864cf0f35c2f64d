package pf

import (
	"errors"

	"github.com/jitsi-go/jitsi-go/internal/bsdconf"
)

// Sentinel errors; every error returned by this package wraps one of them
// and names the line it was found on.
var (
	// ErrSyntax is returned for text the grammar does not accept.
	ErrSyntax = errors.New("pf.conf syntax error")
	// ErrMacro is returned for an undefined, reserved or runaway macro.
	ErrMacro = errors.New("pf.conf macro error")
	// ErrRule is returned for a rule that parses but that pfctl (or our
	// stricter subset) rejects, such as rdr-to on an out rule.
	ErrRule = errors.New("pf.conf rule error")
	// ErrEmit is returned when an emitted ruleset does not parse back to
	// the rules it was made from.
	ErrEmit = errors.New("pf.conf emit error")
)

// lineErr wraps a sentinel with the 1-based line number.
var lineErr = bsdconf.LineErr
