package main

import (
	"runtime/debug"
	"strconv"
)

// defaultGCPercent is the GC target xmppd runs with unless the standard
// GOGC environment variable says otherwise (GOMEMLIMIT is the runtime's
// own and applies either way).
//
// With Go's default of 100 the heap may grow to twice what is live (and
// at least to 4 MB) before the next collection. xmppd's live heap is small
// (~6 KB per idle c2s connection) and comes in bursts: a MUC join of N
// occupants fans out 2N presences, so a room filling up is an N² stream of
// short-lived stanzas, and the pages that headroom touched stay resident
// after the burst. At 50 both the headroom and the 4 MB floor are halved.
// Measured with loadtest/mucbench at 200 occupants on a shared 2-core box:
// RSS per connection after the join fell from ~45-50 to ~35 KiB, and CPU
// per delivered message rose by ~1-2 µs (~15 → ~16-17 µs: more GC
// cycles), a ratio to prosody of ~0.17, inside the ≤ 1/5 goal.
// GOGC=100 restores the runtime's default. Going lower (25) bought no
// more memory: the rest is reader stacks, live state, runtime metadata
// and code pages.
const defaultGCPercent = 50

// applyGCDefault sets defaultGCPercent when GOGC is unset (getenv is
// os.Getenv; injected for tests) and returns the percentage in force:
// whatever GOGC says (the runtime has parsed it already), or the default.
func applyGCDefault(getenv func(string) string) int {
	if v := getenv("GOGC"); v != "" {
		if v == "off" {
			return -1
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 100 // the runtime ignores a malformed GOGC
		}
		return n
	}
	debug.SetGCPercent(defaultGCPercent)
	return defaultGCPercent
}
