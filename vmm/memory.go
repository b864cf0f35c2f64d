package vmm

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var memSize = regexp.MustCompile(`^([0-9]+)(\.[0-9]+)?([BKMGTPEbkmgtpe])$`)

const minMemory = 1 << 20

// MemoryBytes parses a vm.conf memory size the way scan_scaled does, but
// only with a unit: a bare number is bytes to vmd and almost always a
// mistake, so it is refused. The result is at least 1M.
func MemoryBytes(s string) (uint64, error) {
	m := memSize.FindStringSubmatch(s)
	if m == nil {
		if _, err := strconv.ParseUint(s, 10, 64); err == nil {
			return 0, fmt.Errorf("%w: memory %q has no unit (a bare number is bytes): write e.g. 2G", ErrVM, s)
		}
		return 0, fmt.Errorf("%w: memory %q: want a number with a unit B, K, M, G, T, P or E", ErrVM, s)
	}
	shift := map[string]uint{"B": 0, "K": 10, "M": 20, "G": 30, "T": 40, "P": 50, "E": 60}[strings.ToUpper(m[3])]
	f, err := strconv.ParseFloat(m[1]+m[2], 64)
	if err != nil || f*float64(uint64(1)<<shift) >= 1<<63 {
		return 0, fmt.Errorf("%w: memory %q out of range", ErrVM, s)
	}
	n := uint64(f * float64(uint64(1)<<shift))
	if n < minMemory {
		return 0, fmt.Errorf("%w: memory %q is below vmd's minimum of 1M", ErrVM, s)
	}
	return n, nil
}
