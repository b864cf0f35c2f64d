// Package proxy implements prosody's mod_client_proxy natively: an IQ get
// or set sent to the proxy's domain (focus.D) is forwarded to an available
// resource of the target account (focus@auth.D) with from rewritten to
// "focus.D/<original full JID>"; result and error replies from the target
// are rewritten back to the original sender, from the proxy's domain.
package proxy

import (
	"sync/atomic"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// Proxy is a router.Sink for one proxy domain.
type Proxy struct {
	name   jid.JID
	target jid.JID
	r      *router.Router
	next   atomic.Uint64
}

// New returns a proxy for domain name forwarding to target (a bare JID).
func New(name, target jid.JID, r *router.Router) *Proxy {
	return &Proxy{name: name.Domain(), target: target.Bare(), r: r}
}

// Deliver handles one stanza addressed to the proxy domain.
func (p *Proxy) Deliver(e *xmpp.Element) bool {
	if e.Local != "iq" {
		return true
	}
	to, err1 := e.To()
	from, err2 := e.From()
	if err1 != nil || err2 != nil {
		return true
	}
	switch e.Get("type") {
	case "get", "set":
		p.request(e, from)
	case "result", "error":
		p.reply(e, to, from)
	}
	return true
}

func (p *Proxy) request(e *xmpp.Element, from jid.JID) {
	if from.Bare().Equal(p.target) {
		p.r.Route(xmpp.ErrorReply(e, stanza.Error{Type: stanza.Cancel, Condition: stanza.NotAllowed}))
		return
	}
	dest, ok := p.pick()
	if !ok {
		p.r.Route(xmpp.ErrorReply(e, stanza.Error{Type: stanza.Cancel, Condition: stanza.ServiceUnavailable}))
		return
	}
	wrapped, err := p.name.WithResource(from.String())
	if err != nil {
		p.r.Route(xmpp.ErrorReply(e, stanza.Error{Type: stanza.Modify, Condition: stanza.JIDMalformed}))
		return
	}
	m := e.ShallowCopy()
	m.SetAttr("from", wrapped.String())
	m.SetAttr("to", dest.String())
	p.r.Route(m)
}

// pick chooses an available resource of the target, round robin; a bound
// but not yet available session is used when no resource is available.
func (p *Proxy) pick() (jid.JID, bool) {
	cands := p.r.Available(p.target)
	if len(cands) == 0 {
		cands = p.r.Bound(p.target)
	}
	if len(cands) == 0 {
		return jid.JID{}, false
	}
	return cands[int(p.next.Add(1))%len(cands)], true
}

func (p *Proxy) reply(e *xmpp.Element, to, from jid.JID) {
	if !from.Bare().Equal(p.target) || to.Resourcepart() == "" {
		return
	}
	orig, err := jid.Parse(to.Resourcepart())
	if err != nil {
		return
	}
	m := e.ShallowCopy()
	m.SetAttr("from", p.name.String())
	m.SetAttr("to", orig.String())
	p.r.Route(m)
}
