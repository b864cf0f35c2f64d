package xmppapi

import (
	"context"
	"runtime"
	"time"

	"github.com/jitsi-go/jitsi-go/brewery"
)

// statsTimeout bounds how long /stats waits for one conference's snapshot.
const statsTimeout = 2 * time.Second

// Stats are the figures of jicofo's /stats (JicofoServices.getStats and
// FocusManager.stats). Keys of features this focus lacks (Jibri, Jigasi,
// visitors) carry what jicofo shows when they are not configured.
type Stats struct {
	Conferences             int            `json:"conferences"`
	Participants            int            `json:"participants"`
	LargestConference       int            `json:"largest_conference"`
	ConferenceSizes         []int          `json:"conference_sizes"`
	TotalConferencesCreated int64          `json:"total_conferences_created"`
	ConferenceRequests      int64          `json:"total_conference_requests"`
	BridgeSelector          brewery.Counts `json:"bridge_selector"`
	XMPPConnected           bool           `json:"xmpp_connected"`
	ComponentConnected      bool           `json:"component_connected"`
	Healthy                 bool           `json:"healthy"`
	Version                 string         `json:"version"`

	// TotalParticipants counts the occupants that ever joined a conference.
	TotalParticipants int64 `json:"total_participants"`
	// ConferencesWithVisitors and Visitors are 0: no visitor support.
	ConferencesWithVisitors  int                      `json:"conferences_with_visitors"`
	Visitors                 int                      `json:"visitors"`
	BridgeFailures           BridgeFailures           `json:"bridge_failures"`
	ParticipantNotifications ParticipantNotifications `json:"participant_notifications"`
	// EndpointPairs is the sum over conferences of participants squared.
	EndpointPairs int        `json:"endpoint_pairs"`
	Jibri         JibriStats `json:"jibri"`
	// Queues is jicofo's queue statistics, empty as with jicofo's default
	// (statistics disabled).
	Queues           map[string]any `json:"queues"`
	JibriDetector    DetectorStats  `json:"jibri_detector"`
	SIPJibriDetector DetectorStats  `json:"sip_jibri_detector"`
	// Jigasi is empty, as jicofo's without a Jigasi brewery.
	Jigasi map[string]any `json:"jigasi"`
	// Threads is the number of goroutines (jicofo: JVM threads).
	Threads int         `json:"threads"`
	Jingle  JingleStats `json:"jingle"`
	// SlowHealthCheck and Health are shown when jicofo.health.enabled.
	SlowHealthCheck *int64        `json:"slow_health_check,omitempty"`
	Health          *HealthResult `json:"health,omitempty"`
}

// Stats collects the current figures; each running conference is asked for
// its snapshot.
func (s *Service) Stats(ctx context.Context) Stats {
	health := s.Health()
	st := Stats{
		TotalConferencesCreated: s.confsCreated.Load(),
		ConferenceRequests:      s.requestsTotal.Load(),
		BridgeSelector:          s.registry.Counts(),
		XMPPConnected:           s.Connected(),
		ComponentConnected:      s.ComponentConnected(),
		Healthy:                 health == nil,
		Version:                 s.opts.Version,
		ConferenceSizes:         make([]int, 22), // jicofo's histogram: sizes 0..21+
		Queues:                  map[string]any{},
		Jigasi:                  map[string]any{},
		Threads:                 runtime.NumGoroutine(),
	}
	st.totalsStats(s.hub.Totals().Snapshot())
	if s.cfg.Health.Enabled {
		// The check is a state lookup: it is never slow.
		slow, res := int64(0), healthResult(health)
		st.SlowHealthCheck, st.Health = &slow, &res
	}
	for _, room := range s.hub.Rooms() {
		c := s.hub.Get(room)
		if c == nil {
			continue
		}
		cctx, cancel := withTimeout(ctx, s.clk, statsTimeout)
		snap, err := c.Snapshot(cctx)
		cancel()
		if err != nil {
			continue
		}
		st.addConference(len(snap.Participants))
	}
	return st
}

// Health is the focus's health: an error when the XMPP client session is
// down or no bridge is operational (jicofo's JicofoHealthChecker).
func (s *Service) Health() error {
	if !s.Connected() {
		return ErrNotConnected
	}
	if s.registry.Counts().OperationalBridgeCount == 0 {
		return errNoBridge
	}
	return nil
}
