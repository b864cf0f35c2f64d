package muc

import (
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

func (r *Room) handleRoomIQ(e *xmpp.Element, from jid.JID, out *outbox) {
	typ := e.Get("type")
	if typ != "get" && typ != "set" {
		return
	}
	p := e.FirstChild()
	switch {
	case p == nil:
		out.errorReply(e, stanza.Modify, stanza.BadRequest)
	case p.Is(xmpp.NSDiscoInfo, "query") && typ == "get":
		out.add(r.roomInfo(e))
	case p.Is(xmpp.NSDiscoItem, "query") && typ == "get":
		out.add(xmpp.Result(e, xmpp.NewElement(xmpp.NSDiscoItem, "query")))
	case p.Is(xmpp.NSPing, "ping"):
		out.add(xmpp.Result(e, nil))
	case p.Is(xmpp.NSMUCOwner, "query"):
		r.handleOwner(e, p, from, out)
	case p.Is(xmpp.NSMUCAdmin, "query"):
		r.handleAdmin(e, p, from, out)
	default:
		out.errorReply(e, stanza.Cancel, stanza.FeatureNotImplemented)
	}
}

func (r *Room) handleOwner(e, q *xmpp.Element, from jid.JID, out *outbox) {
	if r.affiliation(from) != "owner" {
		out.errorReply(e, stanza.Auth, stanza.Forbidden)
		return
	}
	if e.Get("type") == "get" {
		out.add(xmpp.Result(e, xmpp.NewElement(xmpp.NSMUCOwner, "query").Add(r.configForm())))
		return
	}
	if d := q.Child(xmpp.NSMUCOwner, "destroy"); d != nil {
		out.add(xmpp.Result(e, nil))
		r.destroy(d, out)
		return
	}
	x := q.Child(xmpp.NSData, "x")
	if x == nil {
		out.errorReply(e, stanza.Modify, stanza.BadRequest)
		return
	}
	if x.Get("type") == "cancel" {
		out.add(xmpp.Result(e, nil))
		return
	}
	codes := r.applyForm(x)
	r.locked = false
	out.add(xmpp.Result(e, nil))
	if len(codes) > 0 {
		r.notifyConfig(codes, out)
	}
}

// notifyConfig sends the configuration-change status message.
func (r *Room) notifyConfig(codes []string, out *outbox) {
	for _, o := range r.occupants {
		x := xmpp.NewElement(xmpp.NSMUCUser, "x")
		for _, c := range codes {
			x.Add(xmpp.NewElement(xmpp.NSMUCUser, "status", "code", c))
		}
		out.add(xmpp.NewElement(xmpp.NSClient, "message", "type", "groupchat", "from", r.jid.String(),
			"to", o.Real.String()).Add(x))
	}
}

// destroy removes every occupant with a <destroy/> notice.
func (r *Room) destroy(d *xmpp.Element, out *outbox) {
	for _, o := range r.occupants {
		p := xmpp.NewElement(xmpp.NSClient, "presence", "type", "unavailable",
			"from", o.addr, "to", o.Real.String())
		dd := xmpp.NewElement(xmpp.NSMUCUser, "destroy", "jid", d.Get("jid"))
		if reason := d.Child("", "reason"); reason != nil {
			dd.Add(xmpp.NewElement(xmpp.NSMUCUser, "reason").AddText(reason.Text()))
		}
		p.Add(xmpp.NewElement(xmpp.NSMUCUser, "x").Add(
			xmpp.NewElement(xmpp.NSMUCUser, "item", "affiliation", "none", "role", "none"), dd))
		out.add(p)
		r.svc.Occupants.Add(-1)
	}
	r.occupants = map[string]*Occupant{}
	r.byReal = map[string]string{}
	r.held = nil
	r.hist.clear()
	r.destroyed = true
	r.svc.remove(r)
}
