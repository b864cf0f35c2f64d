package web

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/c2s"
	"mellium.im/xmpp/stream"
)

// BOSH parameters, as prosody's defaults.
const (
	boshMaxWait    = 60
	boshInactivity = 60
	boshRequests   = 2
	boshWindow     = 5
)

type boshRegistry struct {
	h        *Handler
	mu       sync.Mutex
	sessions map[string]*boshSession
}

func newBOSHRegistry(h *Handler) *boshRegistry {
	return &boshRegistry{h: h, sessions: map[string]*boshSession{}}
}

func (reg *boshRegistry) get(sid string) *boshSession {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	return reg.sessions[sid]
}

func (reg *boshRegistry) remove(bs *boshSession) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if reg.sessions[bs.sid] == bs {
		delete(reg.sessions, bs.sid)
	}
}

func (reg *boshRegistry) shutdown() {
	reg.mu.Lock()
	all := make([]*boshSession, 0, len(reg.sessions))
	for _, bs := range reg.sessions {
		all = append(all, bs)
	}
	reg.mu.Unlock()
	for _, bs := range all {
		bs.sess.Fail(stream.SystemShutdown)
	}
}

// ParseBody parses one BOSH request body; it is the fuzzed entry point.
func ParseBody(data []byte) (*xmpp.Element, error) {
	body, err := xmpp.ParseElement(data)
	if err != nil {
		return nil, err
	}
	if !body.Is(xmpp.NSBOSH, "body") {
		return nil, errNotBody
	}
	if _, err := strconv.ParseUint(body.Get("rid"), 10, 64); err != nil {
		return nil, errBadRID
	}
	return body, nil
}

var (
	errNotBody = errors.New("web: BOSH request is not a <body/>")
	errBadRID  = errors.New("web: BOSH request has no valid rid")
)

func (h *Handler) serveBOSH(w http.ResponseWriter, r *http.Request) {
	if !h.cors(w, r) {
		http.Error(w, "origin not allowed", http.StatusForbidden)
		return
	}
	switch r.Method {
	case http.MethodOptions:
		return
	case http.MethodGet:
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html><body><p>xmppd BOSH endpoint. Point an XMPP client here.</p></body></html>")
		return
	case http.MethodPost:
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.env.Limits.MaxStanza+4096))
	if err != nil {
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return
	}
	body, err := ParseBody(data)
	if err != nil {
		http.Error(w, "bad BOSH body: "+err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	if body.Get("sid") == "" {
		h.createBOSH(w, r, body)
		return
	}
	bs := h.bosh.get(body.Get("sid"))
	if bs == nil {
		writeBody(w, terminate("item-not-found"))
		return
	}
	bs.request(w, r, body, int64(len(data)))
}

func (h *Handler) createBOSH(w http.ResponseWriter, r *http.Request, body *xmpp.Element) {
	rid, _ := strconv.ParseUint(body.Get("rid"), 10, 64)
	wait, err := strconv.Atoi(body.Get("wait"))
	if err != nil || wait <= 0 || wait > boshMaxWait {
		wait = boshMaxWait
	}
	bs := newBOSHSession(h, rid, wait, h.cfg.BOSHSecure || r.TLS != nil)
	bs.sess = c2s.NewSession(h.env, bs, r.RemoteAddr)
	if err := bs.sess.Open(body.Get("to")); err != nil {
		bs.sess.Closed()
		writeBody(w, terminate("host-unknown"))
		return
	}
	h.bosh.mu.Lock()
	h.bosh.sessions[bs.sid] = bs
	h.bosh.mu.Unlock()
	resp := bs.takeBody()
	resp.SetAttr("sid", bs.sid).SetAttr("wait", strconv.Itoa(wait)).SetAttr("requests", strconv.Itoa(boshRequests)).
		SetAttr("hold", "1").SetAttr("inactivity", strconv.Itoa(boshInactivity)).SetAttr("polling", "5").
		SetAttr("ver", "1.6").SetAttr("from", body.Get("to")).SetAttr("authid", bs.streamID)
	resp.Attr = append(resp.Attr, attrNS(xmpp.NSXBOSH, "version", "1.0"), attrNS(xmpp.NSXBOSH, "restartlogic", "true"))
	bs.mu.Lock()
	bs.order.cache[rid] = resp
	bs.mu.Unlock()
	bs.touch()
	writeBody(w, resp)
}

func terminate(cond string) *xmpp.Element {
	return xmpp.NewElement(xmpp.NSBOSH, "body", "type", "terminate", "condition", cond)
}

func writeBody(w http.ResponseWriter, body *xmpp.Element) {
	_, _ = w.Write(body.Marshal(""))
}
