package router

import (
	"sync/atomic"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// Stats counts routing outcomes; read them with Load.
type Stats struct {
	Routed    atomic.Int64
	Dropped   atomic.Int64
	Bounced   atomic.Int64
	Sessions  atomic.Int64
	Overflows atomic.Int64
}

// Stats returns the live counters.
func (r *Router) Stats() *Stats { return &r.stats }

// Route delivers e, whose from attribute the caller has already stamped and
// validated. Undeliverable requests are bounced with a stanza error.
func (r *Router) Route(e *xmpp.Element) {
	if s := r.boundTo(e.Get("to")); s != nil {
		r.stats.Routed.Add(1)
		r.deliver(s, e)
		return
	}
	to, err := e.To()
	if err != nil {
		r.bounce(e, stanza.JIDMalformed)
		return
	}
	r.stats.Routed.Add(1)
	domain := to.Domainpart()
	r.mu.RLock()
	svc, isSvc := r.services[domain]
	local := r.hosts[domain]
	r.mu.RUnlock()
	switch {
	case isSvc:
		r.deliver(svc, e)
	case !local:
		r.bounce(e, stanza.RemoteServerNotFound)
	case to.Localpart() == "" || (to.Resourcepart() == "" && e.Local == "iq"):
		r.toServer(e, to)
	case to.Resourcepart() != "":
		r.toFull(e, to)
	default:
		r.toBare(e, to)
	}
}

func (r *Router) deliver(s Sink, e *xmpp.Element) {
	if !s.Deliver(e) {
		r.stats.Overflows.Add(1)
		r.bounce(e, stanza.ResourceConstraint)
	}
}

// boundTo returns the session bound to exactly the full JID string to
// (as JID.String writes it, which is how sessions and MUC address
// occupants), without parsing it: the fan-out fast path. Any other form
// of to, or none, returns nil and takes the parsing path, which reaches
// the same session for a bound full JID.
func (r *Router) boundTo(to string) Sink {
	if to == "" {
		return nil
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.full[to]
}

func (r *Router) sinkOf(full jid.JID) Sink {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if res := r.sessions[full.Bare().String()].find(full.Resourcepart()); res != nil {
		return res.sink
	}
	return nil
}

func (r *Router) toServer(e *xmpp.Element, to jid.JID) {
	if e.Local != "iq" {
		if e.Local == "presence" && to.Localpart() != "" {
			r.toBare(e, to)
		}
		return
	}
	typ := e.Get("type")
	if typ != "get" && typ != "set" {
		return
	}
	var h IQHandler
	if p := e.FirstChild(); p != nil {
		r.mu.RLock()
		h = r.iq[p.Space+" "+p.Local]
		r.mu.RUnlock()
	}
	if h == nil {
		r.bounce(e, stanza.ServiceUnavailable)
		return
	}
	from, _ := e.From()
	if reply := h(e, from, to); reply != nil {
		r.Route(reply)
	}
}

func (r *Router) toFull(e *xmpp.Element, to jid.JID) {
	if s := r.sinkOf(to); s != nil {
		r.deliver(s, e)
		return
	}
	switch e.Local {
	case "message":
		if e.Get("type") == "groupchat" || e.Get("type") == "error" {
			return
		}
		r.toBare(e, to.Bare())
	case "iq":
		r.bounce(e, stanza.ServiceUnavailable)
	}
}

func (r *Router) toBare(e *xmpp.Element, to jid.JID) {
	if e.Local == "presence" {
		r.mu.RLock()
		hook := r.presence
		r.mu.RUnlock()
		from, _ := e.From()
		if hook != nil && hook(e, from, to) {
			return
		}
		for _, j := range r.Available(to) {
			if s := r.sinkOf(j); s != nil {
				r.deliver(s, e)
			}
		}
		return
	}
	targets := r.Available(to)
	if len(targets) == 0 {
		if e.Get("type") != "groupchat" && e.Get("type") != "headline" {
			r.bounce(e, stanza.ServiceUnavailable)
		}
		return
	}
	if s := r.sinkOf(targets[0]); s != nil {
		r.deliver(s, e)
	}
}

// bounce routes an error reply unless e is itself an error or a result.
func (r *Router) bounce(e *xmpp.Element, cond stanza.Condition) {
	typ := e.Get("type")
	if typ == "error" || typ == "result" || e.Get("from") == "" {
		r.stats.Dropped.Add(1)
		return
	}
	if e.Local == "presence" && typ != "subscribe" {
		r.stats.Dropped.Add(1)
		return
	}
	r.stats.Bounced.Add(1)
	r.Route(errReply(e, cond))
}
