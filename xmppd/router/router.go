// Package router delivers stanzas between xmppd's sessions and services.
//
// Sessions (c2s connections of any transport) register their full JID with
// a Sink; services (MUC hosts, external components, the client proxy) own a
// whole domain. Route looks only at the to address: a service domain goes to
// the service, a local account goes to its sessions by RFC 6121 rules, and
// IQs addressed to a local host or bare account go to the handlers
// registered with HandleIQ. Route never blocks: sinks enqueue or fail.
package router

import (
	"sync"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// Sink receives stanzas for one session or service. Deliver must not block.
type Sink interface {
	Deliver(e *xmpp.Element) bool
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(e *xmpp.Element) bool

// Deliver calls f.
func (f SinkFunc) Deliver(e *xmpp.Element) bool { return f(e) }

// IQHandler answers an IQ get/set addressed to a local host or bare account.
// It returns the reply, or nil when it sent the reply itself.
type IQHandler func(iq *xmpp.Element, from, to jid.JID) *xmpp.Element

// PresenceHook sees presence stanzas addressed to a local bare JID before
// delivery (roster subscriptions); returning true consumes the stanza.
type PresenceHook func(p *xmpp.Element, from, to jid.JID) bool

// Router is safe for concurrent use.
type Router struct {
	mu       sync.RWMutex
	hosts    map[string]bool
	services map[string]Sink
	sessions map[string]resources // by bare JID
	full     map[string]Sink      // by full JID as bound (String form): Route's fast path
	iq       map[string]IQHandler
	presence PresenceHook
	stats    Stats
}

// New returns a router serving the given local account hosts.
func New(hosts ...string) *Router {
	r := &Router{hosts: map[string]bool{}, services: map[string]Sink{},
		sessions: map[string]resources{}, full: map[string]Sink{}, iq: map[string]IQHandler{}}
	for _, h := range hosts {
		r.hosts[h] = true
	}
	return r
}

// IsLocalHost reports whether domain holds local accounts.
func (r *Router) IsLocalHost(domain string) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.hosts[domain]
}

// HandleIQ registers h for IQ get/set with payload space/local sent to a
// local host or a bare local JID.
func (r *Router) HandleIQ(space, local string, h IQHandler) {
	r.mu.Lock()
	r.iq[space+" "+local] = h
	r.mu.Unlock()
}

// SetPresenceHook installs the roster's subscription handler.
func (r *Router) SetPresenceHook(h PresenceHook) {
	r.mu.Lock()
	r.presence = h
	r.mu.Unlock()
}

// AddService makes s the owner of domain. It returns false if the domain is
// already taken (a second component for the same name).
func (r *Router) AddService(domain string, s Sink) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.services[domain]; ok {
		return false
	}
	r.services[domain] = s
	return true
}

// ReplaceService sets s as the owner of domain and returns the previous one.
func (r *Router) ReplaceService(domain string, s Sink) Sink {
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.services[domain]
	if s == nil {
		delete(r.services, domain)
	} else {
		r.services[domain] = s
	}
	return old
}

// RemoveService drops domain if it is still owned by s.
func (r *Router) RemoveService(domain string, s Sink) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.services[domain] == s {
		delete(r.services, domain)
	}
}

// Bind registers a session; it returns false if the full JID is taken.
func (r *Router) Bind(full jid.JID, s Sink) bool {
	bare, res := full.Bare().String(), full.Resourcepart()
	r.mu.Lock()
	defer r.mu.Unlock()
	rs := r.sessions[bare]
	if rs.find(res) != nil {
		return false
	}
	r.sessions[bare] = append(rs, &resource{name: res, sink: s})
	r.full[full.String()] = s
	r.stats.Sessions.Add(1)
	return true
}

// Unbind removes a session.
func (r *Router) Unbind(full jid.JID) {
	bare := full.Bare().String()
	r.mu.Lock()
	defer r.mu.Unlock()
	rs, ok := r.sessions[bare].without(full.Resourcepart())
	if ok {
		delete(r.full, full.String())
	}
	switch {
	case !ok:
	case len(rs) == 0:
		delete(r.sessions, bare)
		r.stats.Sessions.Add(-1)
	default:
		r.sessions[bare] = rs
		r.stats.Sessions.Add(-1)
	}
}

// SetPresence records a session's availability and priority.
func (r *Router) SetPresence(full jid.JID, available bool, priority int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if res := r.sessions[full.Bare().String()].find(full.Resourcepart()); res != nil {
		res.available, res.priority = available, priority
	}
}

// Available returns the full JIDs of available resources of bare, highest
// priority first.
func (r *Router) Available(bare jid.JID) []jid.JID {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []jid.JID
	best := -129
	for _, res := range r.sessions[bare.String()] {
		if !res.available || res.priority < 0 {
			continue
		}
		j, _ := bare.WithResource(res.name)
		if res.priority > best {
			out, best = append([]jid.JID{j}, out...), res.priority
		} else {
			out = append(out, j)
		}
	}
	return out
}

func errReply(e *xmpp.Element, cond stanza.Condition) *xmpp.Element {
	typ := stanza.Cancel
	if cond == stanza.ResourceConstraint {
		typ = stanza.Wait
	}
	return xmpp.ErrorReply(e, stanza.Error{Type: typ, Condition: cond})
}

// Bound returns every bound full JID of bare, available or not.
func (r *Router) Bound(bare jid.JID) []jid.JID {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []jid.JID
	for _, res := range r.sessions[bare.String()] {
		j, _ := bare.WithResource(res.name)
		out = append(out, j)
	}
	return out
}
