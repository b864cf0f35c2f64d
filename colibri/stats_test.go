package colibri

import (
	"encoding/xml"
	"fmt"
	"testing"
)

func TestStatsAccessors(t *testing.T) {
	tests := []struct {
		stats        []Stat
		drain        bool
		graceful     bool
		shuttingDown bool
		stressOK     bool
		fullVersion  string
	}{
		0: {nil, true, false, false, false, ""}, // drain defaults to true, as in jicofo
		1: {[]Stat{{StatDrain, "false"}, {StatStressLevel, "0.5"}}, false, false, false, true, ""},
		2: {[]Stat{{StatDrain, "TRUE"}, {StatGracefulShutdown, "True"}, {StatShuttingDown, "yes"}}, true, true, false, false, ""},
		3: {[]Stat{{StatDrain, "no"}, {StatStressLevel, "high"}, {StatVersion, "2.3"}}, false, false, false, false, "2.3"},
		4: {[]Stat{{StatVersion, "2.3.1"}, {StatRelease, "77"}}, true, false, false, false, "2.3.1-77"},
	}
	for i, tc := range tests {
		s := NewStats(tc.stats...)
		_, ok := s.StressLevel()
		got := []any{s.Drain(), s.GracefulShutdown(), s.ShuttingDown(), ok, s.FullVersion()}
		exp := []any{tc.drain, tc.graceful, tc.shuttingDown, tc.stressOK, tc.fullVersion}
		want(t, fmt.Sprintf("case %d", i), got, exp)
	}
	var nilStats *Stats
	if _, ok := nilStats.Get(StatDrain); ok || !nilStats.Drain() {
		t.Error("nil stats")
	}
}

func TestStatsBuilders(t *testing.T) {
	s := StatsFromMap(map[string]string{StatStressLevel: "0.1", StatDrain: "false", StatRegion: "eu"})
	want(t, "sorted", s.Stats, []Stat{{StatDrain, "false"}, {StatRegion, "eu"}, {StatStressLevel, "0.1"}})
	s.Set(StatDrain, "true")
	s.Set(StatParticipants, "3")
	want(t, "drain after set", s.Drain(), true)
	n, ok := s.Participants()
	want(t, "participants", [2]any{n, ok}, [2]any{3, true})
	want(t, "map", s.Map()[StatRegion], "eu")
	out, err := Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Stats
	if err := xml.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	want(t, "round trip", back.Stats, s.Stats)
}
