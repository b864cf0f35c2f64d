package report

import (
	"fmt"
	"math"
	"time"
)

// notReached is shown for a step a participant never reached (-1 in the
// Result) and for values that are not finite.
const notReached = "—"

// valid reports whether v is a measured, finite, non-negative value.
func valid(v float64) bool {
	return v >= 0 && !math.IsInf(v, 0) && !math.IsNaN(v)
}

// fmtMs formats milliseconds without a unit ("—" when not reached).
func fmtMs(v float64) string {
	if !valid(v) {
		return notReached
	}
	if v < 10 {
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// fmtMsUnit formats milliseconds with their unit.
func fmtMsUnit(v float64) string {
	s := fmtMs(v)
	if s == notReached {
		return s
	}
	return s + " ms"
}

// fmtBps formats a bit rate with a decimal prefix.
func fmtBps(v float64) string {
	switch {
	case !valid(v):
		return notReached
	case v >= 1e9:
		return fmt.Sprintf("%.2f Gbit/s", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.2f Mbit/s", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.1f kbit/s", v/1e3)
	}
	return fmt.Sprintf("%.0f bit/s", v)
}

// fmtBytes formats a byte count with a binary prefix.
func fmtBytes(v float64) string {
	switch {
	case !valid(v):
		return notReached
	case v >= 1<<30:
		return fmt.Sprintf("%.2f GiB", v/(1<<30))
	case v >= 1<<20:
		return fmt.Sprintf("%.1f MiB", v/(1<<20))
	case v >= 1<<10:
		return fmt.Sprintf("%.1f KiB", v/(1<<10))
	}
	return fmt.Sprintf("%.0f B", v)
}

// fmtPct formats a ratio in [0,1] as a percentage.
func fmtPct(v float64) string {
	if !valid(v) {
		return notReached
	}
	return fmt.Sprintf("%.2f %%", v*100)
}

// fmtCores formats a CPU figure in cores.
func fmtCores(v float64) string {
	if !valid(v) {
		return notReached
	}
	if v < 0.01 && v > 0 {
		return fmt.Sprintf("%.5f", v)
	}
	return fmt.Sprintf("%.3f", v)
}

// fmtTime formats the start of a run in UTC.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return notReached
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// fmtSeconds formats a duration in seconds.
func fmtSeconds(v float64) string {
	if !valid(v) {
		return notReached
	}
	return fmt.Sprintf("%.1f s", v)
}

// yesNo formats a boolean for a table cell.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
