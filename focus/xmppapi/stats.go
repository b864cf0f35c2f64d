package xmppapi

import (
	"context"
	"time"

	"github.com/jitsi-go/jitsi-go/brewery"
)

// statsTimeout bounds how long /stats waits for one conference's snapshot.
const statsTimeout = 2 * time.Second

// Stats are the figures of jicofo's /stats that this focus keeps.
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
}

// Stats collects the current figures; each running conference is asked for
// its snapshot.
func (s *Service) Stats(ctx context.Context) Stats {
	st := Stats{
		TotalConferencesCreated: s.confsCreated.Load(),
		ConferenceRequests:      s.requestsTotal.Load(),
		BridgeSelector:          s.registry.Counts(),
		XMPPConnected:           s.Connected(),
		ComponentConnected:      s.ComponentConnected(),
		Healthy:                 s.Health() == nil,
		Version:                 s.opts.Version,
		ConferenceSizes:         make([]int, 22), // jicofo's histogram: sizes 0..21+
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
		n := len(snap.Participants)
		st.Conferences++
		st.Participants += n
		st.LargestConference = max(st.LargestConference, n)
		st.ConferenceSizes[min(n, len(st.ConferenceSizes)-1)]++
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
