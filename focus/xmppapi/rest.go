package xmppapi

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strconv"

	"github.com/jitsi-go/jitsi-go/colibri"
)

// maxRequestBody bounds a conference-request body.
const maxRequestBody = 64 << 10

// Handler serves jicofo's REST API: /about/health, /about/version, /stats,
// /metrics (when jicofo.rest.prometheus) and POST /conference-request/v1
// (when jicofo.rest.conference-request).
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /about/health", s.serveHealth)
	mux.HandleFunc("GET /about/version", s.serveVersion)
	mux.HandleFunc("GET /stats", s.serveStats)
	if s.cfg.REST.Prometheus {
		mux.Handle("GET /metrics", s.metricsHandler())
	}
	if s.cfg.REST.ConferenceRequest {
		mux.HandleFunc("POST /conference-request/v1", s.serveConferenceRequest)
	}
	return mux
}

func (s *Service) serveHealth(w http.ResponseWriter, _ *http.Request) {
	if err := s.Health(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (s *Service) serveVersion(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"name": "Jicofo", "version": s.opts.Version, "os": runtime.GOOS})
}

func (s *Service) serveStats(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.Stats(r.Context()))
}

// httpConferenceRequest is the JSON form of the conference request and
// reply (jicofo's ConferenceRequest); property values may be any scalar.
type httpConferenceRequest struct {
	Room       string                     `json:"room,omitempty"`
	Ready      *bool                      `json:"ready,omitempty"`
	FocusJID   string                     `json:"focusJid,omitempty"`
	SessionID  string                     `json:"sessionId,omitempty"`
	MachineUID string                     `json:"machineUid,omitempty"`
	Identity   string                     `json:"identity,omitempty"`
	VNode      string                     `json:"vnode,omitempty"`
	Properties map[string]json.RawMessage `json:"properties,omitempty"`
}

func (s *Service) serveConferenceRequest(w http.ResponseWriter, r *http.Request) {
	var in httpConferenceRequest
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody))
	if err == nil {
		err = json.Unmarshal(body, &in)
	}
	if err != nil {
		http.Error(w, "bad conference request: "+err.Error(), http.StatusBadRequest)
		return
	}
	req := &colibri.Conference{Room: in.Room, SessionID: in.SessionID, MachineUID: in.MachineUID}
	for k, v := range in.Properties {
		req.SetProperty(k, scalar(v))
	}
	resp, err := s.ConferenceRequest(r.Context(), req, "http:"+r.RemoteAddr)
	if errors.Is(err, ErrBadRequest) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, toHTTPReply(resp))
}

func toHTTPReply(c *colibri.Conference) httpConferenceRequest {
	out := httpConferenceRequest{Room: c.Room, Ready: c.Ready, FocusJID: c.FocusJID, SessionID: c.SessionID,
		VNode: c.VNode, Properties: map[string]json.RawMessage{}}
	for _, p := range c.Properties {
		b, _ := json.Marshal(p.Value)
		out.Properties[p.Name] = b
	}
	return out
}

// scalar renders a JSON scalar as jicofo's String map holds it.
func scalar(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var f json.Number
	if json.Unmarshal(v, &f) == nil {
		return f.String()
	}
	var b bool
	if json.Unmarshal(v, &b) == nil {
		return strconv.FormatBool(b)
	}
	return string(v)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
