package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors carried in Error.Err so callers can use errors.Is.
var (
	// ErrSyntax marks a file that is not valid HOCON or .properties text.
	ErrSyntax = errors.New("syntax error")
	// ErrType marks a value of the wrong type (a string where an integer is wanted…).
	ErrType = errors.New("wrong type")
	// ErrInvalid marks a well-typed value that fails validation (port out of range…).
	ErrInvalid = errors.New("invalid value")
	// ErrMissing marks a required key that is absent or empty.
	ErrMissing = errors.New("missing value")
)

// Error is a configuration error that names the file, the position and, where
// there is one, the key. Its text reads like a compiler message:
//
//	jvb.conf:23:5: videobridge.ice.udp.port: want an integer, got "abc"
type Error struct {
	File      string
	Line, Col int
	Key, Msg  string
	// Err is one of the sentinels above (ErrSyntax, ErrType, …), or nil.
	Err error
}

// Error implements the error interface.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(position(e.File, e.Line, e.Col))
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the sentinel the error belongs to.
func (e *Error) Unwrap() error { return e.Err }

// Warning is a non-fatal remark about a configuration file: an unknown key, a
// legacy form, or a structural repair. String reads like Error.
type Warning struct {
	File     string
	Line     int
	Key, Msg string
}

// String renders the warning as "file:line: key: message".
func (w Warning) String() string {
	s := position(w.File, w.Line, 0)
	if w.Key != "" {
		s += w.Key + ": "
	}
	return s + w.Msg
}

// position renders "file:line:col: ", leaving out the parts that are unknown.
func position(file string, line, col int) string {
	if file == "" && line == 0 {
		return ""
	}
	s := file
	if line > 0 {
		s += ":" + strconv.Itoa(line)
		if col > 0 {
			s += ":" + strconv.Itoa(col)
		}
	}
	return s + ": "
}

func syntaxErr(file string, line, col int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Err: ErrSyntax}
}
