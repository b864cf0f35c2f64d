package mucbench

import "strconv"

// bodyTag starts every benchmark message body: "mb SENDER SEQ NANOS", where
// NANOS is the send time in nanoseconds since the run's base instant
// (monotonic, the generator's own clock).
const bodyTag = "mb "

// appendBody appends the body text of one benchmark message to dst.
func appendBody(dst []byte, sender, seq int, sentNanos int64) []byte {
	dst = append(dst, bodyTag...)
	dst = strconv.AppendInt(dst, int64(sender), 10)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, int64(seq), 10)
	dst = append(dst, ' ')
	return strconv.AppendInt(dst, sentNanos, 10)
}

// parseBody reads a body written by appendBody; ok is false for any other
// text. It does not allocate.
func parseBody(b []byte) (sender, seq int, sentNanos int64, ok bool) {
	if len(b) < len(bodyTag) || string(b[:len(bodyTag)]) != bodyTag {
		return 0, 0, 0, false
	}
	b = b[len(bodyTag):]
	var v [3]int64
	for i := range v {
		n, rest, good := leadingInt(b)
		if !good || (i < 2 && (len(rest) == 0 || rest[0] != ' ')) || (i == 2 && len(rest) != 0) {
			return 0, 0, 0, false
		}
		v[i] = n
		if i < 2 {
			rest = rest[1:]
		}
		b = rest
	}
	if v[0] > 1<<30 || v[1] > 1<<30 {
		return 0, 0, 0, false
	}
	return int(v[0]), int(v[1]), v[2], true
}

// leadingInt parses the non-negative decimal at the front of b (at most 18
// digits, so it cannot overflow).
func leadingInt(b []byte) (int64, []byte, bool) {
	var n int64
	i := 0
	for ; i < len(b) && i < 18 && b[i] >= '0' && b[i] <= '9'; i++ {
		n = n*10 + int64(b[i]-'0')
	}
	return n, b[i:], i > 0
}
