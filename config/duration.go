package config

import (
	"strconv"
	"strings"
	"time"
)

// durationUnits are the unit names Typesafe Config accepts after a number.
var durationUnits = map[string]time.Duration{
	"ns": time.Nanosecond, "nano": time.Nanosecond, "nanos": time.Nanosecond,
	"nanosecond": time.Nanosecond, "nanoseconds": time.Nanosecond,
	"us": time.Microsecond, "micro": time.Microsecond, "micros": time.Microsecond,
	"microsecond": time.Microsecond, "microseconds": time.Microsecond,
	"": time.Millisecond, "ms": time.Millisecond, "milli": time.Millisecond, "millis": time.Millisecond,
	"millisecond": time.Millisecond, "milliseconds": time.Millisecond,
	"s": time.Second, "second": time.Second, "seconds": time.Second,
	"m": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"h": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
}

// parseDuration reads "<number>[ ]<unit>" (no unit: milliseconds) or an
// ISO-8601 "PT…" duration.
func parseDuration(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(strings.ToUpper(s), "PT"); ok {
		d, err := time.ParseDuration(strings.ToLower(rest))
		return d, err == nil && rest != ""
	}
	i := strings.IndexFunc(s, func(r rune) bool {
		return (r < '0' || r > '9') && r != '.' && r != '-' && r != '+' && r != 'e' && r != 'E'
	})
	if i < 0 {
		i = len(s)
	}
	for i > 0 && (s[i-1] == 'e' || s[i-1] == 'E') { // "5 seconds": the 'e' belongs to the unit
		i--
	}
	num, unit := s[:i], strings.TrimSpace(s[i:])
	mult, ok := durationUnits[unit]
	if !ok || num == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(num, 10, 64); err == nil {
		if n > int64(1<<62)/int64(mult) || n < -int64(1<<62)/int64(mult) {
			return 0, false
		}
		return time.Duration(n) * mult, true
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f*float64(mult) > 1<<62 || f*float64(mult) < -(1<<62) || f != f {
		return 0, false
	}
	return time.Duration(f * float64(mult)), true
}
