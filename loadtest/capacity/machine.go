package capacity

import (
	"fmt"
	"time"

	"github.com/prometheus/procfs"
)

// machineCPU is one reading of the whole machine's CPU time (/proc/stat):
// what every process on it used, ours and everyone else's, and what the
// hypervisor took (steal).
type machineCPU struct {
	at          time.Time
	busy, steal float64 // seconds, summed over the CPUs
}

// readMachineCPU reads /proc/stat; it fails where there is none.
func readMachineCPU(now time.Time) (machineCPU, error) {
	fs, err := procfs.NewDefaultFS()
	if err != nil {
		return machineCPU{}, fmt.Errorf("capacity: /proc: %w", err)
	}
	st, err := fs.Stat()
	if err != nil {
		return machineCPU{}, fmt.Errorf("capacity: /proc/stat: %w", err)
	}
	c := st.CPUTotal
	return machineCPU{at: now, busy: c.User + c.Nice + c.System + c.IRQ + c.SoftIRQ, steal: c.Steal}, nil
}

// cores is the busy and stolen CPU between two readings, in cores.
func (a machineCPU) cores(b machineCPU) (busy, steal float64) {
	wall := b.at.Sub(a.at).Seconds()
	if wall <= 0 {
		return 0, 0
	}
	return (b.busy - a.busy) / wall, (b.steal - a.steal) / wall
}

// machineLoad fills the row's whole-machine columns from readings taken
// at the start and the end of its step (left 0 when either failed).
func (row *Row) machineLoad(start, end machineCPU, startErr, endErr error) {
	if startErr != nil || endErr != nil {
		return
	}
	row.MachineCPU, row.StealCPU = start.cores(end)
	row.OtherCPU = max(row.MachineCPU-row.OursCPU, 0)
}
