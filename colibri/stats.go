package colibri

import (
	"encoding/xml"
	"sort"
	"strconv"
	"strings"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// Names of the statistics a focus reads from a bridge's brewery presence
// (jicofo Bridge.setStats) and a few more a bridge publishes.
const (
	StatStressLevel              = "stress_level"
	StatAverageParticipantStress = "average_participant_stress"
	StatDrain                    = "drain"
	StatGracefulShutdown         = "graceful_shutdown"
	StatShuttingDown             = "shutting_down"
	StatHealthy                  = "healthy"
	StatVersion                  = "version"
	StatRelease                  = "release"
	StatRegion                   = "region"
	StatRelayID                  = "relay_id"
	StatParticipants             = "participants"
	StatConferences              = "conferences"
	StatColibri2                 = "colibri2"
	StatTimestamp                = "current_timestamp"
)

// Stats is <stats xmlns="http://jitsi.org/protocol/colibri">, the extension
// a bridge puts in its brewery presence (ColibriStatsExtension). Every value
// is a string attribute; the accessors parse the ones jicofo reads.
type Stats struct {
	XMLName xml.Name   `xml:"http://jitsi.org/protocol/colibri stats"`
	Stats   []Stat     `xml:"stat"`
	Extra   []xmlx.Raw `xml:",any"`
}

// Stat is one <stat name value/>.
type Stat struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// NewStats returns a stats element with the given statistics in order.
func NewStats(stats ...Stat) *Stats {
	return &Stats{Stats: append([]Stat(nil), stats...)}
}

// StatsFromMap returns a stats element with m's entries sorted by name, so
// the output is deterministic.
func StatsFromMap(m map[string]string) *Stats {
	s := &Stats{Stats: make([]Stat, 0, len(m))}
	for k, v := range m {
		s.Stats = append(s.Stats, Stat{Name: k, Value: v})
	}
	sort.Slice(s.Stats, func(i, j int) bool { return s.Stats[i].Name < s.Stats[j].Name })
	return s
}

// Set replaces the value of the named statistic, or appends it.
func (s *Stats) Set(name, value string) {
	for i := range s.Stats {
		if s.Stats[i].Name == name {
			s.Stats[i].Value = value
			return
		}
	}
	s.Stats = append(s.Stats, Stat{Name: name, Value: value})
}

// Get returns the value of the first statistic with that name.
func (s *Stats) Get(name string) (string, bool) {
	if s == nil {
		return "", false
	}
	for _, st := range s.Stats {
		if st.Name == name {
			return st.Value, true
		}
	}
	return "", false
}

// Map returns the statistics as a map (the first of duplicate names wins).
func (s *Stats) Map() map[string]string {
	m := make(map[string]string, len(s.Stats))
	for _, st := range s.Stats {
		if _, dup := m[st.Name]; !dup {
			m[st.Name] = st.Value
		}
	}
	return m
}

func (s *Stats) float(name string) (float64, bool) {
	v, ok := s.Get(name)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	return f, err == nil
}

func (s *Stats) int(name string) (int, bool) {
	v, ok := s.Get(name)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

// javaBool reports whether the named statistic is present and what
// java.lang.Boolean.parseBoolean makes of it (true only for "true", any case).
func (s *Stats) javaBool(name string) (value, present bool) {
	v, ok := s.Get(name)
	return ok && strings.EqualFold(v, "true"), ok
}

// StressLevel is the bridge's load; ok is false when absent or unparsable
// (jicofo then keeps the last value).
func (s *Stats) StressLevel() (float64, bool) { return s.float(StatStressLevel) }

// AverageParticipantStress is the stress one more endpoint adds.
func (s *Stats) AverageParticipantStress() (float64, bool) {
	return s.float(StatAverageParticipantStress)
}

// Drain reports whether the bridge is draining. Absent means true, as in
// jicofo: a bridge must send drain=false to be preferred.
func (s *Stats) Drain() bool {
	v, ok := s.javaBool(StatDrain)
	return v || !ok
}

// GracefulShutdown reports graceful_shutdown=true.
func (s *Stats) GracefulShutdown() bool { v, _ := s.javaBool(StatGracefulShutdown); return v }

// ShuttingDown reports shutting_down=true.
func (s *Stats) ShuttingDown() bool { v, _ := s.javaBool(StatShuttingDown); return v }

// Healthy reports the healthy stat and whether it was present.
func (s *Stats) Healthy() (healthy, present bool) { return s.javaBool(StatHealthy) }

// Version is the bridge's version, or "".
func (s *Stats) Version() string { v, _ := s.Get(StatVersion); return v }

// Release is the bridge's release id, or "".
func (s *Stats) Release() string { v, _ := s.Get(StatRelease); return v }

// FullVersion is "version-release" as jicofo compares it, or just the
// version when no release is set.
func (s *Stats) FullVersion() string {
	if r := s.Release(); r != "" {
		return s.Version() + "-" + r
	}
	return s.Version()
}

// Region is the bridge's region, or "".
func (s *Stats) Region() string { v, _ := s.Get(StatRegion); return v }

// RelayID is the bridge's relay (Octo) id, or "" when relays are off.
func (s *Stats) RelayID() string { v, _ := s.Get(StatRelayID); return v }

// Participants is the number of endpoints on the bridge.
func (s *Stats) Participants() (int, bool) { return s.int(StatParticipants) }

// Conferences is the number of conferences on the bridge.
func (s *Stats) Conferences() (int, bool) { return s.int(StatConferences) }
