package bridge

import (
	"encoding/json"
	"io"
	"net/http"
	"runtime"
)

// RESTHandler is the private HTTP API (jvb rest/**, jicoco Health and
// Version): /about/health, /about/version, /colibri/stats, /metrics,
// /colibri/drain{,/enable,/disable} and /colibri/shutdown, each served only
// when its toggle is on.
func (b *Bridge) RESTHandler() http.Handler {
	mux := http.NewServeMux()
	r := b.cfg.REST
	if r.Health {
		mux.HandleFunc("GET /about/health", b.serveHealth)
	}
	if r.Version {
		mux.HandleFunc("GET /about/version", b.serveVersion)
	}
	if r.Stats {
		mux.HandleFunc("GET /colibri/stats", b.serveStats)
	}
	if r.Prometheus {
		mux.Handle("GET /metrics", b.metricsHandler())
	}
	if r.Drain {
		mux.HandleFunc("GET /colibri/drain", b.serveDrainState)
		mux.HandleFunc("POST /colibri/drain/enable", func(w http.ResponseWriter, _ *http.Request) { b.SetDrain(true) })
		mux.HandleFunc("POST /colibri/drain/disable", func(w http.ResponseWriter, _ *http.Request) { b.SetDrain(false) })
	}
	if r.Shutdown {
		mux.HandleFunc("POST /colibri/shutdown", b.serveShutdown)
	}
	return mux
}

func (b *Bridge) serveHealth(w http.ResponseWriter, _ *http.Request) {
	if err := b.Check(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (b *Bridge) serveVersion(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, map[string]string{"name": "JVB", "version": b.cfg.Version, "os": runtime.GOOS})
}

func (b *Bridge) serveStats(w http.ResponseWriter, _ *http.Request) { writeJSON(w, b.StatsMap()) }

func (b *Bridge) serveDrainState(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, map[string]bool{"drain": b.Draining()})
}

// serveShutdown takes {"graceful-shutdown": true|false}; the field is
// required, as in jvb.
func (b *Bridge) serveShutdown(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Graceful *bool `json:"graceful-shutdown"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&body); err != nil || body.Graceful == nil {
		http.Error(w, "expected {\"graceful-shutdown\": true|false}", http.StatusBadRequest)
		return
	}
	b.Shutdown(*body.Graceful)
}
