package report

import "errors"

// Errors returned by WriteHTML, wrapped with %w.
var (
	// ErrNilResult is returned when WriteHTML is given no Result.
	ErrNilResult = errors.New("report: nil result")
	// ErrPlot is returned when a plot cannot be rendered.
	ErrPlot = errors.New("report: plot")
	// ErrTemplate is returned when the page template fails.
	ErrTemplate = errors.New("report: template")
)
