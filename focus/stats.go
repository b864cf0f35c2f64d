package focus

import (
	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/colibri"
)

// BreweryStats converts the <stats/> of a bridge's brewery presence into what
// the registry keeps (jicofo's Bridge.setStats). A missing stress level is
// reported as such so the registry keeps the last value; drain defaults to
// true until reported; healthy defaults to true when absent.
func BreweryStats(s *colibri.Stats) brewery.Stats {
	if s == nil {
		return brewery.Stats{Drain: true, Healthy: true}
	}
	var out brewery.Stats
	out.StressLevel, out.HasStress = s.StressLevel()
	if v, ok := s.AverageParticipantStress(); ok && v > 0 {
		out.AverageParticipantStress = v
	}
	out.Drain = s.Drain()
	out.GracefulShutdown = s.GracefulShutdown()
	out.ShuttingDown = s.ShuttingDown()
	healthy, present := s.Healthy()
	out.Healthy = healthy || !present
	out.Version, out.Release = s.Version(), s.Release()
	out.Region, out.RelayID = s.Region(), s.RelayID()
	out.Participants, _ = s.Participants()
	out.Conferences, _ = s.Conferences()
	return out
}
