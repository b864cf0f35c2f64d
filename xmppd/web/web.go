// Package web serves XMPP over HTTP for xmppd: RFC 7395 WebSocket at
// /xmpp-websocket (nhooyr.io/websocket) and XEP-0124/0206 BOSH at
// /http-bind, with CORS headers as prosody sends them. Both frame the same
// c2s.Session used by TCP clients.
package web

import (
	"context"
	"net/http"
	"slices"
	"sync"

	"github.com/jitsi-go/jitsi-go/xmppd/c2s"
)

// Config controls the HTTP framings.
type Config struct {
	// BOSHSecure and WSSecure mark sessions as encrypted when a TLS proxy
	// terminates in front of xmppd (consider_bosh_secure and friends).
	BOSHSecure, WSSecure bool
	// Origins allowed by CORS and for WebSocket; empty allows any.
	Origins []string
}

// Handler serves both endpoints.
type Handler struct {
	env  *c2s.Env
	cfg  Config
	mux  *http.ServeMux
	bosh *boshRegistry

	mu  sync.Mutex
	ws  map[*wsConn]struct{}
	ctx context.Context
}

// New returns the HTTP handler.
func New(env *c2s.Env, cfg Config) *Handler {
	env = env.Fill()
	h := &Handler{env: env, cfg: cfg, mux: http.NewServeMux(), ws: map[*wsConn]struct{}{}, ctx: context.Background()}
	h.bosh = newBOSHRegistry(h)
	h.mux.HandleFunc("/xmpp-websocket", h.serveWS)
	h.mux.HandleFunc("/http-bind", h.serveBOSH)
	h.mux.HandleFunc("/http-bind/", h.serveBOSH)
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// Shutdown ends every WebSocket stream and BOSH session with system-shutdown.
func (h *Handler) Shutdown() {
	h.mu.Lock()
	conns := make([]*wsConn, 0, len(h.ws))
	for c := range h.ws {
		conns = append(conns, c)
	}
	h.mu.Unlock()
	for _, c := range conns {
		c.shutdown()
	}
	h.bosh.shutdown()
}

// cors writes prosody-style CORS headers; it returns false for a
// disallowed origin.
func (h *Handler) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	allow := "*"
	if len(h.cfg.Origins) > 0 {
		if origin != "" && !slices.Contains(h.cfg.Origins, origin) {
			return false
		}
		allow = origin
	}
	hd := w.Header()
	hd.Set("Access-Control-Allow-Origin", allow)
	hd.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
	hd.Set("Access-Control-Allow-Headers", "Content-Type")
	hd.Set("Access-Control-Max-Age", "7200")
	return true
}
