package bridge

import (
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsHandler serves /metrics: Prometheus text, or the numeric stats
// as JSON when the client asks for application/json (as jvb does).
func (b *Bridge) metricsHandler() http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(statsCollector{b})
	prom := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.Header.Get("Accept"), "application/json") {
			writeJSON(w, b.StatsMap())
			return
		}
		prom.ServeHTTP(w, r)
	})
}

// statsCollector exports every numeric and boolean statistic as a gauge
// named jitsi_jvb_<stat>.
type statsCollector struct{ b *Bridge }

// Describe sends no descriptors: the collector is unchecked.
func (statsCollector) Describe(chan<- *prometheus.Desc) {}

// Collect emits one gauge per statistic.
func (s statsCollector) Collect(ch chan<- prometheus.Metric) {
	for k, v := range s.b.StatsMap() {
		f, ok := statFloat(v)
		if !ok {
			continue
		}
		d := prometheus.NewDesc("jitsi_jvb_"+k, "jitsi-videobridge statistic "+k, nil, nil)
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, f)
	}
}

func statFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}
