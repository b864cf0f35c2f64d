package muc

import (
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

var affilRank = map[string]int{"outcast": -1, "none": 0, "member": 1, "admin": 2, "owner": 3}

func (r *Room) handleAdmin(e, q *xmpp.Element, from jid.JID, out *outbox) {
	actor := r.affiliation(from)
	if e.Get("type") == "get" {
		r.listAdmin(e, q, actor, out)
		return
	}
	items := q.Children()
	for _, it := range items {
		if it.Local != "item" {
			continue
		}
		if cond, ok := r.applyItem(it, from, actor, out); !ok {
			out.errorReply(e, stanza.Cancel, cond)
			return
		}
	}
	out.add(xmpp.Result(e, nil))
}

func (r *Room) listAdmin(e, q *xmpp.Element, actor string, out *outbox) {
	if affilRank[actor] < 2 {
		out.errorReply(e, stanza.Auth, stanza.Forbidden)
		return
	}
	want := ""
	if it := q.Child(xmpp.NSMUCAdmin, "item"); it != nil {
		want = it.Get("affiliation")
	}
	res := xmpp.NewElement(xmpp.NSMUCAdmin, "query")
	for j, a := range r.affil {
		if want == "" || a == want {
			res.Add(xmpp.NewElement(xmpp.NSMUCAdmin, "item", "jid", j, "affiliation", a))
		}
	}
	out.add(xmpp.Result(e, res))
}

// applyItem performs one role or affiliation change.
func (r *Room) applyItem(it *xmpp.Element, from jid.JID, actor string, out *outbox) (stanza.Condition, bool) {
	if role := it.Get("role"); role != "" {
		occ := r.occupants[it.Get("nick")]
		sender := r.sender(from)
		if occ == nil {
			return stanza.ItemNotFound, false
		}
		if sender == nil || sender.Role != "moderator" || affilRank[occ.Affil] > affilRank[actor] {
			return stanza.NotAllowed, false
		}
		if role == "none" {
			r.leave(occ, nil, []string{"307"}, out)
			return "", true
		}
		occ.Role = role
		r.broadcastPresence(occ, nil, out)
		return "", true
	}
	affil := it.Get("affiliation")
	target, err := jid.Parse(it.Get("jid"))
	if _, known := affilRank[affil]; !known || err != nil {
		return stanza.BadRequest, false
	}
	if affilRank[actor] < 2 || (actor != "owner" && (affil == "owner" || affil == "admin")) {
		return stanza.Forbidden, false
	}
	r.setAffiliation(target.Bare(), affil, out)
	return "", true
}

func (r *Room) setAffiliation(bare jid.JID, affil string, out *outbox) {
	if affil == "none" {
		delete(r.affil, bare.String())
	} else {
		r.affil[bare.String()] = affil
	}
	for _, o := range r.occupants {
		if !o.Real.Bare().Equal(bare) {
			continue
		}
		if affil == "outcast" {
			o.Affil = affil
			r.leave(o, nil, []string{"301"}, out)
			continue
		}
		o.Affil = r.affiliation(o.Real)
		o.Role = roleFor(o.Affil, r.cfg)
		r.broadcastPresence(o, nil, out)
	}
}
