package brewery

import "time"

// Counts are the bridge_selector figures of the focus's /stats.
type Counts struct {
	BridgeCount            int            `json:"bridge_count"`
	OperationalBridgeCount int            `json:"operational_bridge_count"`
	InShutdownBridgeCount  int            `json:"in_shutdown_bridge_count"`
	LostBridges            int            `json:"lost_bridges"`
	BridgeVersionCount     map[string]int `json:"bridge_version_count"`
}

// Counts summarises the registry.
func (r *Registry) Counts() Counts {
	bridges := r.Bridges()
	r.mu.Lock()
	c := Counts{BridgeCount: len(bridges), LostBridges: r.lost, BridgeVersionCount: map[string]int{}}
	r.mu.Unlock()
	for _, b := range bridges {
		if b.Operational {
			c.OperationalBridgeCount++
		}
		if b.InGracefulShutdown() || b.Stats.ShuttingDown {
			c.InShutdownBridgeCount++
		}
		c.BridgeVersionCount[b.Stats.FullVersion()]++
	}
	return c
}

// pruneAdded drops allocation times older than the ramp-up interval.
func pruneAdded(added []time.Time, now time.Time, rampUp time.Duration) []time.Time {
	keep := added[:0]
	for _, t := range added {
		if now.Sub(t) < rampUp {
			keep = append(keep, t)
		}
	}
	return keep
}
