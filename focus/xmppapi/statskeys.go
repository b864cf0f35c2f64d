package xmppapi

import (
	"errors"

	"github.com/jitsi-go/jitsi-go/focus"
)

// BridgeFailures is jicofo's bridge_failures: participants re-invited
// because their bridge left their conference, and bridge sessions dropped
// after a failed Colibri2 request.
type BridgeFailures struct {
	ParticipantsMoved int64 `json:"participants_moved"`
	BridgesRemoved    int64 `json:"bridges_removed"`
}

// ParticipantNotifications is jicofo's participant_notifications: ICE
// failures reported in session-info and restarts requested in
// session-terminate.
type ParticipantNotifications struct {
	ICEFailed      int64 `json:"ice_failed"`
	RequestRestart int64 `json:"request_restart"`
}

// JibriStats is jicofo's jibri object. This focus has no Jibri support, so
// every figure stays 0, as jicofo reports without Jibri.
type JibriStats struct {
	TotalSIPCallFailures       int64 `json:"total_sip_call_failures"`
	TotalLiveStreamingFailures int64 `json:"total_live_streaming_failures"`
	TotalRecordingFailures     int64 `json:"total_recording_failures"`
	LiveStreamingActive        int64 `json:"live_streaming_active"`
	RecordingActive            int64 `json:"recording_active"`
	SIPCallActive              int64 `json:"sip_call_active"`
}

// DetectorStats is jicofo's jibri_detector and sip_jibri_detector: instances
// in the brewery and those available. Without a Jibri brewery both are 0.
type DetectorStats struct {
	Count     int64 `json:"count"`
	Available int64 `json:"available"`
}

// JingleStats is jicofo's jingle object: Jingle requests sent and received
// by jicofo's action name (SESSION_INITIATE, SOURCEADD, ...), only the
// actions seen so far.
type JingleStats struct {
	Sent     map[string]int64 `json:"sent"`
	Received map[string]int64 `json:"received"`
}

// HealthResult is jicofo's health object (jitsi-utils' health Result), shown
// when jicofo.health.enabled.
type HealthResult struct {
	Success      bool    `json:"success"`
	HardFailure  bool    `json:"hardFailure"`
	ResponseCode *int    `json:"responseCode"`
	Sticky       bool    `json:"sticky"`
	Message      *string `json:"message"`
}

// healthResult renders err as jicofo's Result: success leaves hardFailure
// at its default (true); a lost XMPP session is a soft failure, like
// jicofo's failed XMPP ping; no operational bridge is a hard one.
func healthResult(err error) HealthResult {
	if err == nil {
		return HealthResult{Success: true, HardFailure: true}
	}
	msg := err.Error()
	return HealthResult{HardFailure: !errors.Is(err, ErrNotConnected), Message: &msg}
}

// totalsStats fills the keys that come from the service-wide counters.
func (st *Stats) totalsStats(t focus.TotalsSnapshot) {
	st.TotalParticipants = t.Participants
	st.BridgeFailures = BridgeFailures{ParticipantsMoved: t.ParticipantsMoved, BridgesRemoved: t.BridgesRemoved}
	st.ParticipantNotifications = ParticipantNotifications{ICEFailed: t.ICEFailed, RequestRestart: t.RestartRequested}
	st.Jingle = JingleStats{Sent: t.JingleSent, Received: t.JingleReceived}
}

// addConference counts one running conference of n participants: the
// figures jicofo's FocusManager.updateMetrics computes.
func (st *Stats) addConference(n int) {
	st.Conferences++
	st.Participants += n
	st.LargestConference = max(st.LargestConference, n)
	st.ConferenceSizes[min(n, len(st.ConferenceSizes)-1)]++
	st.EndpointPairs += n * n
}
