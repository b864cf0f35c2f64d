package brewery

import (
	"errors"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/clock"
)

type bridgeSpec struct {
	jid    string
	stress float64
	region string
	relay  string
	drain  bool
	grace  bool
	down   bool // shutting_down
	failed bool
	ver    string
}

func newTestRegistry(t *testing.T, cfg Config, specs ...bridgeSpec) (*Registry, *clock.Fake) {
	t.Helper()
	clk := clock.NewFake(time.Unix(1_700_000_000, 0))
	r := NewRegistry(cfg, clk, nil)
	for _, s := range specs {
		ver := s.ver
		if ver == "" {
			ver = "2.3.1"
		}
		r.Update(s.jid, Stats{StressLevel: s.stress, HasStress: true, Region: s.region, RelayID: s.relay,
			Drain: s.drain, GracefulShutdown: s.grace, ShuttingDown: s.down, Healthy: true, Version: ver})
		if s.failed {
			r.MarkFailed(s.jid)
		}
	}
	return r, clk
}

func TestSelect(t *testing.T) {
	octo := Config{Octo: true, MaxBridgeParticipants: 2}
	tests := []struct {
		name     string
		cfg      Config
		strategy Strategy
		bridges  []bridgeSpec
		conf     map[string]int
		region   string
		want     string
		err      error
	}{
		{name: "least loaded", strategy: Single{}, bridges: []bridgeSpec{{jid: "a", stress: 0.5}, {jid: "b", stress: 0.1}}, want: "b"},
		{name: "participant region first", strategy: Single{}, region: "eu",
			bridges: []bridgeSpec{{jid: "a", stress: 0.1, region: "us"}, {jid: "b", stress: 0.4, region: "eu"}}, want: "b"},
		{name: "local region fallback", cfg: Config{LocalRegion: "us"}, strategy: Single{},
			bridges: []bridgeSpec{{jid: "a", stress: 0.1, region: "eu"}, {jid: "b", stress: 0.4, region: "us"}}, want: "b"},
		{name: "draining avoided", strategy: Single{}, bridges: []bridgeSpec{{jid: "a", stress: 0.0, drain: true}, {jid: "b", stress: 0.7}}, want: "b"},
		{name: "all draining still used", strategy: Single{}, bridges: []bridgeSpec{{jid: "a", stress: 0.3, drain: true}, {jid: "b", stress: 0.2, drain: true}}, want: "b"},
		{name: "graceful avoided", strategy: Single{}, bridges: []bridgeSpec{{jid: "a", grace: true}, {jid: "b", stress: 0.9}}, want: "b"},
		{name: "shutting down never", strategy: Single{}, bridges: []bridgeSpec{{jid: "a", down: true}}, err: ErrNoBridge},
		{name: "failed never", strategy: Single{}, bridges: []bridgeSpec{{jid: "a", failed: true}, {jid: "b", stress: 0.9}}, want: "b"},
		{name: "no bridges", strategy: Single{}, err: ErrNoBridge},
		{name: "conference keeps bridge", strategy: Single{}, bridges: []bridgeSpec{{jid: "a", stress: 0.9}, {jid: "b"}},
			conf: map[string]int{"a": 3}, want: "a"},
		{name: "conference bridge failed", strategy: Single{}, bridges: []bridgeSpec{{jid: "a", failed: true}, {jid: "b"}},
			conf: map[string]int{"a": 3}, err: ErrConferenceBridgeUnavailable},
		{name: "version pinned", cfg: octo, strategy: RegionBased{}, region: "eu",
			bridges: []bridgeSpec{{jid: "a", region: "us", relay: "ra", stress: 0.1}, {jid: "b", region: "eu", relay: "rb", ver: "9"}},
			conf:    map[string]int{"a": 1}, want: "a"},
		{name: "region: conference bridge in region", cfg: octo, strategy: RegionBased{}, region: "eu",
			bridges: []bridgeSpec{{jid: "a", region: "eu", relay: "ra", stress: 0.5}, {jid: "b", region: "eu", relay: "rb", stress: 0.1}},
			conf:    map[string]int{"a": 1}, want: "a"},
		{name: "region: new bridge in region over remote conference bridge", cfg: octo, strategy: RegionBased{}, region: "eu",
			bridges: []bridgeSpec{{jid: "a", region: "us", relay: "ra"}, {jid: "b", region: "eu", relay: "rb", stress: 0.3}},
			conf:    map[string]int{"a": 1}, want: "b"},
		{name: "region: group", cfg: Config{Octo: true, RegionGroups: [][]string{{"eu-west", "eu-central"}}}, strategy: RegionBased{}, region: "eu-west",
			bridges: []bridgeSpec{{jid: "a", region: "us", relay: "ra"}, {jid: "b", region: "eu-central", relay: "rb", stress: 0.5}},
			want:    "b"},
		{name: "region: participant cap moves on", cfg: octo, strategy: RegionBased{}, region: "eu",
			bridges: []bridgeSpec{{jid: "a", region: "eu", relay: "ra"}, {jid: "b", region: "us", relay: "rb", stress: 0.5}},
			conf:    map[string]int{"a": 2}, want: "b"},
		{name: "region: all overloaded, least loaded", cfg: octo, strategy: RegionBased{}, region: "eu",
			bridges: []bridgeSpec{{jid: "a", region: "eu", relay: "ra", stress: 0.95}, {jid: "b", region: "us", relay: "rb", stress: 0.85}},
			want:    "b"},
		{name: "region without octo keeps bridge", cfg: Config{MaxBridgeParticipants: 2}, strategy: RegionBased{}, region: "eu",
			bridges: []bridgeSpec{{jid: "a", region: "us"}, {jid: "b", region: "eu"}}, conf: map[string]int{"a": 5}, want: "a"},
		{name: "no relay id keeps bridge", cfg: octo, strategy: RegionBased{}, region: "eu",
			bridges: []bridgeSpec{{jid: "a", region: "us"}, {jid: "b", region: "eu", relay: "rb"}}, conf: map[string]int{"a": 1}, want: "a"},
		{name: "split: new bridge", cfg: octo, strategy: Split{},
			bridges: []bridgeSpec{{jid: "a", relay: "ra"}, {jid: "b", relay: "rb", stress: 0.5}}, conf: map[string]int{"a": 1}, want: "b"},
		{name: "split: fewest participants", cfg: octo, strategy: Split{},
			bridges: []bridgeSpec{{jid: "a", relay: "ra"}, {jid: "b", relay: "rb"}}, conf: map[string]int{"a": 4, "b": 1}, want: "b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := newTestRegistry(t, tc.cfg, tc.bridges...)
			got, err := r.Select(tc.strategy, Conference{Bridges: tc.conf}, tc.region)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.JID != tc.want {
				t.Fatalf("selected %s, want %s", got.JID, tc.want)
			}
		})
	}
}

func TestCorrectedStressSpreadsNewConferences(t *testing.T) {
	r, clk := newTestRegistry(t, Config{AverageParticipantStress: 0.1}, bridgeSpec{jid: "a", stress: 0.1}, bridgeSpec{jid: "b", stress: 0.15})
	first, _ := r.Select(Single{}, Conference{}, "")
	r.EndpointAdded(first.JID)
	second, _ := r.Select(Single{}, Conference{}, "")
	if first.JID != "a" || second.JID != "b" {
		t.Fatalf("got %s then %s, want a then b", first.JID, second.JID)
	}
	clk.Advance(21 * time.Second) // past the ramp-up: the allocation no longer counts
	third, _ := r.Select(Single{}, Conference{}, "")
	if third.JID != "a" {
		t.Fatalf("after ramp-up got %s, want a", third.JID)
	}
}

func TestStrategyByName(t *testing.T) {
	for name, want := range map[string]string{
		"": "Single", "SingleBridgeSelectionStrategy": "Single",
		"org.jitsi.jicofo.bridge.RegionBasedBridgeSelectionStrategy": "RegionBased",
		"SplitBridgeSelectionStrategy":                               "Split",
	} {
		s, err := StrategyByName(name)
		if err != nil || s.Name() != want {
			t.Errorf("StrategyByName(%q) = %v, %v; want %s", name, s, err, want)
		}
	}
	if _, err := StrategyByName("IntraRegionBridgeSelectionStrategy"); !errors.Is(err, ErrUnknownStrategy) {
		t.Errorf("unknown strategy: err = %v", err)
	}
}
