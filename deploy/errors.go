package deploy

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Sentinel errors wrapped by everything this package returns.
var (
	// ErrDescription is returned for a description that cannot be read
	// or that breaks a rule; the message names the field.
	ErrDescription = errors.New("invalid deployment description")
	// ErrEmit is returned when an emitted file fails its validator.
	ErrEmit = errors.New("emitted file failed validation")
	// ErrConsistency is returned when emitted files disagree.
	ErrConsistency = errors.New("emitted files disagree")
)

// FieldError is a description error naming the field at fault and, when
// the description was read from a file, the field's line.
type FieldError struct {
	Field string // e.g. deployment.guests[4].id
	Line  int    // 0 when unknown
	Msg   string
}

// Error renders "invalid deployment description: FIELD (line N): MSG".
func (e *FieldError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%v: %s (line %d): %s", ErrDescription, e.Field, e.Line, e.Msg)
	}
	return fmt.Sprintf("%v: %s: %s", ErrDescription, e.Field, e.Msg)
}

// Unwrap makes errors.Is(err, ErrDescription) hold.
func (e *FieldError) Unwrap() error { return ErrDescription }

// fieldErr names the description field at fault.
func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// indexPath turns guests[4].id into guests.4.id, the position index's form.
var indexPath = regexp.MustCompile(`\[([0-9]+)\]`)

// addLines fills in the line of every FieldError in errs that lines knows;
// a field without its own line (a missing key) gets its parent's.
func addLines(errs []error, lines func(key string) int) {
	if lines == nil {
		return
	}
	for _, err := range errs {
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Line > 0 {
			continue
		}
		for key := indexPath.ReplaceAllString(fe.Field, ".$1"); key != "" && fe.Line == 0; {
			fe.Line = lines(key)
			i := strings.LastIndexByte(key, '.')
			if i < 0 {
				break
			}
			key = key[:i]
		}
	}
}

// fileErr names the emitted file at fault.
func fileErr(sentinel error, path string, err error) error {
	return fmt.Errorf("%w: %s: %w", sentinel, path, err)
}
