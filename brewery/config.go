package brewery

import "time"

// Config holds the jicofo.bridge keys the brewery uses. Zero fields take the
// jicofo defaults (jicofo-selector reference.conf).
type Config struct {
	// StressThreshold marks a bridge overloaded (0.8).
	StressThreshold float64
	// MaxBridgeParticipants caps one conference's participants on one bridge;
	// zero or negative means no cap (jicofo's -1).
	MaxBridgeParticipants int
	// AverageParticipantStress is the stress one new endpoint adds (0.01).
	AverageParticipantStress float64
	// ParticipantRampUp is how long a new endpoint counts in the corrected
	// stress (20 s).
	ParticipantRampUp time.Duration
	// FailureResetThreshold is how long a failed bridge stays non-operational (1 min).
	FailureResetThreshold time.Duration
	// LocalRegion is the focus's region, used when a participant has none.
	LocalRegion string
	// RegionGroups lists regions that count as near each other.
	RegionGroups [][]string
	// AllowMixedVersions lets one conference use bridges of different versions.
	AllowMixedVersions bool
	// Octo enables multi-bridge conferences (relays).
	Octo bool
}

func (c Config) withDefaults() Config {
	if c.StressThreshold <= 0 {
		c.StressThreshold = 0.8
	}
	if c.AverageParticipantStress <= 0 {
		c.AverageParticipantStress = 0.01
	}
	if c.ParticipantRampUp <= 0 {
		c.ParticipantRampUp = 20 * time.Second
	}
	if c.FailureResetThreshold <= 0 {
		c.FailureResetThreshold = time.Minute
	}
	return c
}

// inGroup reports whether regions a and b are the same or share a region group.
func (c Config) inGroup(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	for _, g := range c.RegionGroups {
		if contains(g, a) && contains(g, b) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
