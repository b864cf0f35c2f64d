// Package brewery keeps the focus's view of the videobridges that advertise
// themselves in the brewery MUC (JvbBrewery@internal.auth.<domain>): their
// load and state from presence stats, whether they are operational (health
// checks, Colibri2 failures), and which bridge a conference should use.
//
// It does no XMPP itself: the focus feeds it presence updates and gives the
// health checker a function that sends the healthcheck IQ.
package brewery

import "time"

// Stats is what a bridge reports in its brewery presence, already parsed.
type Stats struct {
	// StressLevel is the bridge's load, 0 idle and 1 full. HasStress is false
	// when the presence carried no stress_level: the last value is then kept.
	StressLevel float64
	HasStress   bool
	// AverageParticipantStress, when positive, replaces the configured
	// per-participant stress used to correct for recently added endpoints.
	AverageParticipantStress float64
	// Drain defaults to true until a bridge reports it, as jicofo does.
	Drain            bool
	GracefulShutdown bool
	ShuttingDown     bool
	Healthy          bool
	Version, Release string
	Region, RelayID  string
	Participants     int
	Conferences      int
}

// FullVersion is version-release, the string all bridges of one conference
// must share.
func (s Stats) FullVersion() string {
	if s.Release == "" {
		return s.Version
	}
	return s.Version + "-" + s.Release
}

// Bridge is one bridge as the registry knows it. Values handed out by the
// registry are snapshots; changing them changes nothing.
type Bridge struct {
	// JID is the bridge's occupant JID in the brewery room: the address of
	// every Colibri2 and health-check IQ.
	JID   string
	Stats Stats
	// Operational is false after a failed health check or Colibri2 request,
	// until the failure-reset threshold has passed.
	Operational bool
	FailedAt    time.Time
	// graceful is sticky once a bridge reported graceful_shutdown.
	graceful bool
	// added holds the times endpoints were recently allocated on this bridge,
	// used to correct its stress before its next presence arrives.
	added []time.Time
}

// InGracefulShutdown reports whether the bridge ever announced a graceful shutdown.
func (b *Bridge) InGracefulShutdown() bool { return b.graceful || b.Stats.GracefulShutdown }

// CorrectedStress is the reported stress plus the expected stress of the
// endpoints added within the ramp-up interval, which the bridge's reported
// stress does not reflect yet.
func (b *Bridge) CorrectedStress(now time.Time, rampUp time.Duration, perParticipant float64) float64 {
	if b.Stats.AverageParticipantStress > 0 {
		perParticipant = b.Stats.AverageParticipantStress
	}
	recent := 0
	for _, t := range b.added {
		if now.Sub(t) < rampUp {
			recent++
		}
	}
	return b.Stats.StressLevel + float64(recent)*perParticipant
}

// priority orders bridges for selection: operational before graceful
// shutdown before non-operational.
func (b *Bridge) priority() int {
	switch {
	case !b.Operational:
		return 2
	case b.InGracefulShutdown():
		return 1
	}
	return 0
}

func (b *Bridge) clone() *Bridge {
	c := *b
	c.added = append([]time.Time(nil), b.added...)
	return &c
}
