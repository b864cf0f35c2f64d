package muc

import (
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stanza"
)

// outbox collects what a handler sends while it holds the room lock; the
// service routes it after the lock is released. A fan-out is recorded as
// small descriptions (a stanza to readdress, a presence as one occupant
// sees another) and each stanza is built only when routed: a join in a
// room of N holds 2N descriptions, not 2N element trees, and every
// stanza is garbage as soon as the recipient's queue has serialised it.
type outbox []outItem

// outItem is one stanza to route: e as it is, base readdressed, or base
// as an occupant presence (affil, role, jid, codes).
type outItem struct {
	e, base     *xmpp.Element
	from, to    string
	presence    bool
	affil, role string
	jid         string // real JID shown in a presence item, or ""
	codes       []string
}

func (o *outbox) add(e *xmpp.Element) { *o = append(*o, outItem{e: e}) }

// readdress queues a copy of base from from to to (base is not modified).
func (o *outbox) readdress(base *xmpp.Element, from, to string) {
	*o = append(*o, outItem{base: base, from: from, to: to})
}

func (o *outbox) errorReply(e *xmpp.Element, typ stanza.ErrorType, cond stanza.Condition) {
	if t := e.Get("type"); t == "error" || t == "result" {
		return
	}
	o.add(xmpp.ErrorReply(e, stanza.Error{Type: typ, Condition: cond}))
}

// stanza builds the item's stanza.
func (it *outItem) stanza() *xmpp.Element {
	switch {
	case it.e != nil:
		return it.e
	case it.presence:
		return it.buildPresence()
	}
	m := it.base.ShallowCopy()
	m.SetAttr("from", it.from)
	m.SetAttr("to", it.to)
	return m
}

// buildPresence is the client's own presence with every extension
// untouched plus a fresh muc#user element.
func (it *outItem) buildPresence() *xmpp.Element {
	p := it.base.ShallowCopy()
	p.RemoveChildren(xmpp.NSMUC, "x")
	p.RemoveChildren(xmpp.NSMUCUser, "x")
	p.SetAttr("from", it.from)
	p.SetAttr("to", it.to)
	p.SetAttr("id", "")
	item := xmpp.NewElement(xmpp.NSMUCUser, "item", "affiliation", it.affil, "role", it.role)
	if it.jid != "" {
		item.SetAttr("jid", it.jid)
	}
	x := xmpp.NewElement(xmpp.NSMUCUser, "x").Add(item)
	for _, c := range it.codes {
		x.Add(xmpp.NewElement(xmpp.NSMUCUser, "status", "code", c))
	}
	return p.Add(x)
}
