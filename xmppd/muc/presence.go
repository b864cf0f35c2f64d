package muc

import (
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// maxHeldJoins bounds the joins a room holds while its focus is not in
// (mod_muc_meeting_id's pre-join queue size); more are refused with
// resource-constraint. A variable so that tests can make it small.
var maxHeldJoins = 500

type heldJoin struct {
	e        *xmpp.Element
	to, from jid.JID
}

func (r *Room) handlePresence(e *xmpp.Element, to, from jid.JID, out *outbox) {
	occ := r.sender(from)
	switch e.Get("type") {
	case "":
	case "unavailable":
		if occ != nil {
			r.leave(occ, e, nil, out)
		} else {
			r.dropHeld(from)
		}
		return
	case "error":
		if occ != nil {
			r.leave(occ, nil, []string{"333"}, out)
		}
		return
	default:
		return
	}
	if to.Resourcepart() == "" {
		out.errorReply(e, stanza.Modify, stanza.JIDMalformed)
		return
	}
	if occ != nil {
		if occ.Nick != to.Resourcepart() {
			out.errorReply(e, stanza.Cancel, stanza.NotAcceptable) // nick change unsupported
			return
		}
		occ.presence = e
		r.broadcastPresence(occ, nil, out)
		return
	}
	r.join(e, to, from, out)
}

func (r *Room) join(e *xmpp.Element, to, from jid.JID, out *outbox) {
	nick := to.Resourcepart()
	affil := r.affiliation(from)
	if err, ok := r.admit(e, nick, from, affil); !ok {
		out.errorReply(e, err.Type, err.Condition)
		return
	}
	if r.svc.cfg.MeetingID && !r.hasFocus && nick != "focus" && !r.svc.isAdmin(from) {
		r.hold(heldJoin{e: e, to: to, from: from}, out)
		return
	}
	created := r.fresh
	r.fresh = false
	if created && affil == "none" {
		affil = "owner"
		r.affil[from.Bare().String()] = "owner"
	}
	occ := &Occupant{Nick: nick, Real: from, Affil: affil, Role: roleFor(affil, r.cfg), presence: e,
		addr: to.String(), real: from.String()}
	for _, o := range r.occupants {
		r.presenceFor(out, occ, o, nil)
	}
	r.occupants[nick] = occ
	r.byReal[from.String()] = nick
	r.svc.Occupants.Add(1)
	var codes []string
	if created {
		codes = append(codes, "201")
	}
	r.broadcastPresence(occ, codes, out)
	// prosody's muc-occupant-session-new: history (priority 50), then subject (20)
	r.sendHistory(parseHistoryRequest(e, r.svc.cfg.Now()), occ.real, out)
	out.add(xmpp.NewElement(xmpp.NSClient, "message", "type", "groupchat", "from", r.jid.String(),
		"to", from.String()).Add(xmpp.NewElement(xmpp.NSClient, "subject").AddText(r.subject)))
	if nick == "focus" && !r.hasFocus {
		r.hasFocus = true
		r.releaseHeld(out)
	}
}

// admit applies the entry rules of XEP-0045 §7.2.
func (r *Room) admit(e *xmpp.Element, nick string, from jid.JID, affil string) (stanza.Error, bool) {
	switch {
	case r.locked && affil != "owner":
		return stanza.Error{Type: stanza.Cancel, Condition: stanza.ItemNotFound}, false
	case affil == "outcast":
		return stanza.Error{Type: stanza.Auth, Condition: stanza.Forbidden}, false
	case r.svc.cfg.AuthenticatedOnly && r.svc.cfg.IsAnonymousHost != nil && r.svc.cfg.IsAnonymousHost(from.Domainpart()):
		return stanza.Error{Type: stanza.Auth, Condition: stanza.Forbidden}, false
	case r.cfg.MembersOnly && affil == "none":
		return stanza.Error{Type: stanza.Auth, Condition: stanza.RegistrationRequired}, false
	case r.occupants[nick] != nil:
		return stanza.Error{Type: stanza.Cancel, Condition: stanza.Conflict}, false
	}
	if r.cfg.Password != "" && affil != "owner" {
		x := e.Child(xmpp.NSMUC, "x")
		if x == nil || x.Child(xmpp.NSMUC, "password") == nil || x.Child(xmpp.NSMUC, "password").Text() != r.cfg.Password {
			return stanza.Error{Type: stanza.Auth, Condition: stanza.NotAuthorized}, false
		}
	}
	return stanza.Error{}, true
}

// hold queues a join until the focus is in: a client's new join replaces
// its held one, and a full queue refuses the join.
func (r *Room) hold(h heldJoin, out *outbox) {
	for i := range r.held {
		if r.held[i].from.Equal(h.from) {
			r.held[i] = h
			return
		}
	}
	if len(r.held) >= maxHeldJoins {
		out.errorReply(h.e, stanza.Wait, stanza.ResourceConstraint)
		return
	}
	r.held = append(r.held, h)
}

func (r *Room) releaseHeld(out *outbox) {
	held := r.held
	r.held = nil
	for _, h := range held {
		r.join(h.e, h.to, h.from, out)
	}
}

func (r *Room) dropHeld(from jid.JID) {
	kept := r.held[:0]
	for _, h := range r.held {
		if !h.from.Equal(from) {
			kept = append(kept, h)
		}
	}
	r.held = kept
}

// leave removes occ and tells everyone (status codes for kicks and bans).
func (r *Room) leave(occ *Occupant, e *xmpp.Element, codes []string, out *outbox) {
	p := xmpp.NewElement(xmpp.NSClient, "presence", "type", "unavailable")
	if e != nil {
		if st := e.Child("", "status"); st != nil {
			p.Add(st)
		}
	}
	occ.presence = p
	occ.Role = "none"
	r.broadcastPresence(occ, codes, out)
	delete(r.occupants, occ.Nick)
	delete(r.byReal, occ.Real.String())
	r.svc.Occupants.Add(-1)
}

func (r *Room) broadcastPresence(occ *Occupant, codes []string, out *outbox) {
	for _, o := range r.occupants {
		if o != occ {
			r.presenceFor(out, o, occ, codes)
		}
	}
	self := append([]string{"110"}, codes...)
	if r.cfg.Whois == "anyone" {
		self = append(self, "100")
	}
	r.presenceFor(out, occ, occ, self)
}

// presenceFor queues about's presence as seen by recipient; the stanza is
// built from this snapshot when the outbox is routed (outItem).
func (r *Room) presenceFor(out *outbox, recipient, about *Occupant, codes []string) {
	it := outItem{base: about.presence, from: about.addr, to: recipient.real, presence: true,
		affil: about.Affil, role: about.Role, codes: codes}
	if r.cfg.Whois == "anyone" || recipient.Role == "moderator" || recipient == about {
		it.jid = about.real
	}
	*out = append(*out, it)
}
