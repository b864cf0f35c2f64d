package xmppapi

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsHandler serves /metrics: Prometheus text, or the /stats JSON when
// the client asks for application/json.
func (s *Service) metricsHandler() http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(statsCollector{s})
	prom := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.Header.Get("Accept"), "application/json") {
			writeJSON(w, http.StatusOK, s.Stats(r.Context()))
			return
		}
		prom.ServeHTTP(w, r)
	})
}

// statsCollector exports the /stats figures as jitsi_jicofo_* metrics.
type statsCollector struct{ s *Service }

// Describe sends no descriptors: the collector is unchecked.
func (statsCollector) Describe(chan<- *prometheus.Desc) {}

// Collect emits the current figures.
func (c statsCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.s.Stats(context.Background())
	b := st.BridgeSelector
	gauge := func(name, help string, v float64) {
		d := prometheus.NewDesc("jitsi_jicofo_"+name, help, nil, nil)
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v)
	}
	counter := func(name, help string, v float64) {
		d := prometheus.NewDesc("jitsi_jicofo_"+name, help, nil, nil)
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v)
	}
	gauge("conferences", "Running conferences.", float64(st.Conferences))
	gauge("participants", "Participants in running conferences.", float64(st.Participants))
	gauge("largest_conference", "Participants in the largest conference.", float64(st.LargestConference))
	counter("conferences_created_total", "Conferences created.", float64(st.TotalConferencesCreated))
	counter("conference_requests_total", "Conference requests answered.", float64(st.ConferenceRequests))
	gauge("bridge_selector_bridge_count", "Bridges in the brewery.", float64(b.BridgeCount))
	gauge("bridge_selector_operational_bridge_count", "Operational bridges.", float64(b.OperationalBridgeCount))
	gauge("bridge_selector_in_shutdown_bridge_count", "Bridges shutting down.", float64(b.InShutdownBridgeCount))
	counter("bridge_selector_lost_bridges", "Bridges that left the brewery.", float64(b.LostBridges))
	gauge("bridge_selector_bridge_version_count", "Distinct bridge versions in the brewery.", float64(b.BridgeVersionCount))
	gauge("xmpp_connected", "1 while the XMPP client session is up.", boolFloat(st.XMPPConnected))
	gauge("healthy", "1 while the focus is healthy.", boolFloat(st.Healthy))
	collectJicofoKeys(st, gauge, counter)
}

// collectJicofoKeys emits the rest of jicofo's metrics under jicofo's
// names: its counters get Prometheus's _total suffix, as jicofo's do.
func collectJicofoKeys(st Stats, gauge, counter func(name, help string, v float64)) {
	counter("participants_total", "Participants that joined since the focus started.", float64(st.TotalParticipants))
	counter("participants_moved_total", "Participants moved away from a failed bridge.",
		float64(st.BridgeFailures.ParticipantsMoved))
	counter("bridges_removed_total", "Bridges removed from a conference after a failure.",
		float64(st.BridgeFailures.BridgesRemoved))
	counter("participants_ice_failed_total", "Participants that reported an ICE failure.",
		float64(st.ParticipantNotifications.ICEFailed))
	counter("participants_restart_requested_total", "Restarts requested with session-terminate.",
		float64(st.ParticipantNotifications.RequestRestart))
	gauge("participants_pairs", "Sum over conferences of participants squared.", float64(st.EndpointPairs))
	gauge("visitors_current", "Current visitors (no visitor support: 0).", float64(st.Visitors))
	gauge("conferences_with_visitors", "Conferences with a visitor (no visitor support: 0).",
		float64(st.ConferencesWithVisitors))
	gauge("threads", "Current goroutines.", float64(st.Threads))
	gauge("jibri_instances", "Jibri instances (no Jibri support: 0).", float64(st.JibriDetector.Count))
	gauge("jibri_instances_available", "Available Jibri instances.", float64(st.JibriDetector.Available))
	gauge("sip_jibri_instances", "SIP Jibri instances (no Jibri support: 0).", float64(st.SIPJibriDetector.Count))
	gauge("sip_jibri_instances_available", "Available SIP Jibri instances.", float64(st.SIPJibriDetector.Available))
	for _, dir := range []struct {
		name   string
		counts map[string]int64
	}{{"sent", st.Jingle.Sent}, {"received", st.Jingle.Received}} {
		for _, action := range slices.Sorted(maps.Keys(dir.counts)) {
			counter("jingle_"+strings.ToLower(action)+"_"+dir.name+"_total",
				"Number of "+action+" stanzas "+dir.name+".", float64(dir.counts[action]))
		}
	}
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
