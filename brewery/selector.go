package brewery

import (
	"errors"
	"fmt"
	"sort"
	"time"
)

// Selection errors.
var (
	// ErrNoBridge means no operational bridge can take the participant; the
	// focus then announces bridgeNotAvailable.
	ErrNoBridge = errors.New("brewery: no operational bridge available")
	// ErrConferenceBridgeUnavailable means the conference's bridge can no
	// longer be used and, without Octo, no other bridge may be added: the
	// conference must move as a whole.
	ErrConferenceBridgeUnavailable = errors.New("brewery: the conference's bridge is not available")
	// ErrUnknownStrategy names a selection-strategy the brewery does not have.
	ErrUnknownStrategy = errors.New("brewery: unknown selection strategy")
)

// Conference is what selection needs to know of one conference: how many of
// its participants each of its bridges carries.
type Conference struct {
	Bridges map[string]int
}

// Strategy picks a bridge among the usable candidates, which come sorted by
// priority and then by corrected stress (least loaded first).
type Strategy interface {
	Name() string
	Select(s *Selection) *Bridge
}

// StrategyByName returns a strategy for the jicofo.bridge.selection-strategy
// value (the Java class name, with or without its package).
func StrategyByName(name string) (Strategy, error) {
	if i := lastDot(name); i >= 0 {
		name = name[i+1:]
	}
	switch name {
	case "", "SingleBridgeSelectionStrategy":
		return Single{}, nil
	case "RegionBasedBridgeSelectionStrategy":
		return RegionBased{}, nil
	case "SplitBridgeSelectionStrategy":
		return Split{}, nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknownStrategy, name)
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// Selection is one selection in progress: the candidates and the helpers the
// strategies share.
type Selection struct {
	Candidates []*Bridge
	Conference Conference
	Region     string
	cfg        Config
	now        time.Time
}

// Select chooses the bridge for a participant (region may be empty) joining
// conf, following jicofo's BridgeSelector: unusable bridges are removed,
// non-draining and then non-graceful bridges are preferred, and without Octo
// a conference keeps the bridge it has.
func (r *Registry) Select(strategy Strategy, conf Conference, region string) (*Bridge, error) {
	if region == "" {
		region = r.cfg.LocalRegion
	}
	all := r.Bridges()
	sel := &Selection{Conference: conf, Region: region, cfg: r.cfg, now: r.clock.Now()}
	sel.Candidates = usable(all, conf, r.cfg)
	sort.SliceStable(sel.Candidates, func(i, j int) bool {
		a, b := sel.Candidates[i], sel.Candidates[j]
		if a.priority() != b.priority() {
			return a.priority() < b.priority()
		}
		return sel.Stress(a) < sel.Stress(b)
	})
	if len(conf.Bridges) > 0 && !r.multiBridge(strategy, conf, all) {
		for _, b := range sel.Candidates {
			if _, in := conf.Bridges[b.JID]; in {
				return b, nil
			}
		}
		return nil, ErrConferenceBridgeUnavailable
	}
	sel.Candidates = prefer(sel.Candidates, func(b *Bridge) bool { return !b.Stats.Drain })
	sel.Candidates = prefer(sel.Candidates, func(b *Bridge) bool { return !b.InGracefulShutdown() })
	if len(sel.Candidates) == 0 {
		return nil, ErrNoBridge
	}
	if b := strategy.Select(sel); b != nil {
		return b, nil
	}
	return nil, ErrNoBridge
}

// multiBridge reports whether the conference may spread over more bridges:
// only with Octo enabled, a strategy that uses it, and a relay_id on every
// bridge the conference already has.
func (r *Registry) multiBridge(strategy Strategy, conf Conference, all []*Bridge) bool {
	if !r.cfg.Octo || strategy.Name() == "Single" {
		return false
	}
	for _, b := range all {
		if _, in := conf.Bridges[b.JID]; in && b.Stats.RelayID == "" {
			return false
		}
	}
	return true
}

// usable drops non-operational and shutting-down bridges and, unless mixed
// versions are allowed, bridges whose version differs from the conference's.
func usable(all []*Bridge, conf Conference, cfg Config) []*Bridge {
	version := ""
	if !cfg.AllowMixedVersions {
		for _, b := range all {
			if _, in := conf.Bridges[b.JID]; in {
				version = b.Stats.FullVersion()
				break
			}
		}
	}
	var out []*Bridge
	for _, b := range all {
		if !b.Operational || b.Stats.ShuttingDown {
			continue
		}
		if version != "" && b.Stats.FullVersion() != version {
			continue
		}
		out = append(out, b)
	}
	return out
}

// prefer keeps the bridges that satisfy ok, unless none does.
func prefer(bridges []*Bridge, ok func(*Bridge) bool) []*Bridge {
	var kept []*Bridge
	for _, b := range bridges {
		if ok(b) {
			kept = append(kept, b)
		}
	}
	if len(kept) == 0 {
		return bridges
	}
	return kept
}

// Stress is a candidate's corrected stress.
func (s *Selection) Stress(b *Bridge) float64 {
	return b.CorrectedStress(s.now, s.cfg.ParticipantRampUp, s.cfg.AverageParticipantStress)
}

// Overloaded reports whether b is over the stress threshold, or already
// carries MaxBridgeParticipants of this conference.
func (s *Selection) Overloaded(b *Bridge) bool {
	if s.Stress(b) >= s.cfg.StressThreshold {
		return true
	}
	max := s.cfg.MaxBridgeParticipants
	return max > 0 && s.Conference.Bridges[b.JID] >= max
}

// InConference reports whether b already carries part of the conference.
func (s *Selection) InConference(b *Bridge) bool {
	_, ok := s.Conference.Bridges[b.JID]
	return ok
}

// First returns the first (least loaded) candidate that satisfies every test.
func (s *Selection) First(tests ...func(*Bridge) bool) *Bridge {
next:
	for _, b := range s.Candidates {
		for _, t := range tests {
			if !t(b) {
				continue next
			}
		}
		return b
	}
	return nil
}
