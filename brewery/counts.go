package brewery

import "time"

// Counts are the bridge_selector figures of the focus's /stats.
type Counts struct {
	BridgeCount            int `json:"bridge_count"`
	OperationalBridgeCount int `json:"operational_bridge_count"`
	InShutdownBridgeCount  int `json:"in_shutdown_bridge_count"`
	LostBridges            int `json:"lost_bridges"`
	// BridgeVersionCount is the number of distinct bridge versions
	// (version-release) among the registered bridges, as jicofo's: more
	// than one means a mixed deployment.
	BridgeVersionCount int `json:"bridge_version_count"`
}

// Counts summarises the registry.
func (r *Registry) Counts() Counts {
	bridges := r.Bridges()
	r.mu.Lock()
	c := Counts{BridgeCount: len(bridges), LostBridges: r.lost}
	r.mu.Unlock()
	versions := map[string]bool{}
	for _, b := range bridges {
		if b.Operational {
			c.OperationalBridgeCount++
		}
		if b.InGracefulShutdown() || b.Stats.ShuttingDown {
			c.InShutdownBridgeCount++
		}
		versions[b.Stats.FullVersion()] = true
	}
	c.BridgeVersionCount = len(versions)
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
