package loadtest

import (
	"fmt"
	"os"
	"runtime"
	"strings"
)

// progressLine is the live status once a second, e.g.
// "t=12s joined 14/15 media 13/15 errors 0 recv 4.1 Mbit/s loss 0.00%",
// padded so that it overwrites a longer previous line after a \r.
func progressLine(s Sample, total int) string {
	line := fmt.Sprintf("t=%.0fs joined %d/%d media %d/%d errors %d recv %s loss %.2f%%",
		s.T, s.Joined, total, s.MediaFlowing, total, s.Errors, formatBitrate(s.RecvBitrateBps), s.LossRate*100)
	if s.StatsErrors > 0 {
		line += fmt.Sprintf(" stats-errors %d", s.StatsErrors)
	}
	return fmt.Sprintf("%-80s", line)
}

// formatBitrate prints bit/s with a unit.
func formatBitrate(bps float64) string {
	switch {
	case bps >= 1e9:
		return fmt.Sprintf("%.1f Gbit/s", bps/1e9)
	case bps >= 1e6:
		return fmt.Sprintf("%.1f Mbit/s", bps/1e6)
	case bps >= 1e3:
		return fmt.Sprintf("%.1f kbit/s", bps/1e3)
	default:
		return fmt.Sprintf("%.0f bit/s", bps)
	}
}

// machine describes this machine; the CPU model and kernel come from
// /proc where it exists and are left empty elsewhere.
func machine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.CPUModel = cpuModel(string(b))
	}
	osType, err1 := os.ReadFile("/proc/sys/kernel/ostype")
	release, err2 := os.ReadFile("/proc/sys/kernel/osrelease")
	if err1 == nil && err2 == nil {
		m.Kernel = strings.TrimSpace(string(osType)) + " " + strings.TrimSpace(string(release))
	}
	return m
}

// cpuModel is the first "model name" of a /proc/cpuinfo text.
func cpuModel(cpuinfo string) string {
	for line := range strings.Lines(cpuinfo) {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
