package server

import (
	"net/http"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// adminHandler serves /metrics and /health.
func (s *Server) adminHandler() http.Handler {
	reg := prometheus.NewRegistry()
	gauge := func(name, help string, v func() float64) {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "xmppd", Name: name, Help: help}, v))
	}
	counter := func(name, help string, v *atomic.Int64) {
		reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Namespace: "xmppd", Name: name, Help: help},
			func() float64 { return float64(v.Load()) }))
	}
	c := s.count
	gauge("c2s_connections", "Open client connections (all transports).", func() float64 { return float64(c.Connections.Load()) })
	gauge("sessions", "Bound client sessions.", func() float64 { return float64(s.router.Stats().Sessions.Load()) })
	gauge("components", "Connected external components.", func() float64 {
		if s.comp == nil {
			return 0
		}
		return float64(s.comp.Connected.Load())
	})
	gauge("muc_rooms", "Live MUC rooms.", func() float64 { return s.mucSum(false) })
	gauge("muc_occupants", "Joined MUC occupants.", func() float64 { return s.mucSum(true) })
	counter("c2s_accepted_total", "Accepted client connections.", &c.Accepted)
	counter("c2s_rejected_total", "Connections refused over the cap.", &c.Rejected)
	counter("auth_success_total", "Successful SASL authentications.", &c.AuthOK)
	counter("auth_failure_total", "Failed SASL attempts.", &c.AuthFailed)
	counter("stream_errors_total", "Streams closed with a stream error.", &c.StreamErrors)
	counter("stanzas_in_total", "Elements received from clients.", &c.StanzasIn)
	counter("stanzas_out_total", "Stanzas queued to clients.", &c.StanzasOut)
	counter("routed_total", "Stanzas routed.", &s.router.Stats().Routed)
	counter("bounced_total", "Stanzas bounced with an error.", &s.router.Stats().Bounced)
	counter("queue_overflows_total", "Deliveries refused by a full queue.", &s.router.Stats().Overflows)
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) {
		if s.stopping.Load() {
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	return mux
}

func (s *Server) mucSum(occupants bool) float64 {
	var n int64
	for _, m := range s.mucs {
		if occupants {
			n += m.Occupants.Load()
		} else {
			n += m.Rooms.Load()
		}
	}
	return float64(n)
}
