package xmppapi

import (
	"context"
	"net/http"
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
	gauge("xmpp_connected", "1 while the XMPP client session is up.", boolFloat(st.XMPPConnected))
	gauge("healthy", "1 while the focus is healthy.", boolFloat(st.Healthy))
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
