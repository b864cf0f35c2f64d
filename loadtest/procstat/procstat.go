// Package procstat reads a local process's CPU time and resident memory
// (from /proc, through github.com/prometheus/procfs) and turns successive
// readings into CPU use in cores. It works where /proc exists (Linux);
// elsewhere Read returns ErrUnsupported.
package procstat

import (
	"errors"
	"fmt"
	"time"

	"github.com/prometheus/procfs"
)

// ErrUnsupported is returned where there is no /proc to read.
var ErrUnsupported = errors.New("procstat: no /proc on this system")

// Reading is one look at a process.
type Reading struct {
	At       time.Time
	CPU      time.Duration // user + system time since the process started
	RSSBytes uint64
}

// Read returns the current CPU time and RSS of pid.
func Read(pid int, now time.Time) (Reading, error) {
	fs, err := procfs.NewDefaultFS()
	if err != nil {
		return Reading{}, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	p, err := fs.Proc(pid)
	if err != nil {
		return Reading{}, fmt.Errorf("procstat: pid %d: %w", pid, err)
	}
	st, err := p.Stat()
	if err != nil {
		return Reading{}, fmt.Errorf("procstat: pid %d stat: %w", pid, err)
	}
	return Reading{
		At:       now,
		CPU:      time.Duration(st.CPUTime() * float64(time.Second)),
		RSSBytes: uint64(st.ResidentMemory()),
	}, nil
}

// Cores is the CPU used between two readings, in cores (1.0 = one core
// busy the whole time); 0 when no time passed.
func Cores(before, after Reading) float64 {
	wall := after.At.Sub(before.At)
	if wall <= 0 {
		return 0
	}
	return float64(after.CPU-before.CPU) / float64(wall)
}

// Tracker samples one process at intervals and reports the CPU used since
// its previous sample.
type Tracker struct {
	PID  int
	last Reading
	ok   bool
}

// Sample reads the process and returns the cores used since the previous
// Sample (0 on the first) and the current RSS.
func (t *Tracker) Sample(now time.Time) (cores float64, rss uint64, err error) {
	r, err := Read(t.PID, now)
	if err != nil {
		return 0, 0, err
	}
	if t.ok {
		cores = Cores(t.last, r)
	}
	t.last, t.ok = r, true
	return cores, r.RSSBytes, nil
}
