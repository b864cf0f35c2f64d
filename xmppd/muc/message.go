package muc

import (
	"crypto/rand"
	"encoding/base64"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

func (r *Room) handleMessage(e *xmpp.Element, to, from jid.JID, out *outbox) {
	occ := r.sender(from)
	if e.Get("type") == "error" {
		if occ != nil && to.Resourcepart() != "" {
			r.forwardToOccupant(e, occ, to.Resourcepart(), out)
		}
		return
	}
	if occ == nil {
		out.errorReply(e, stanza.Cancel, stanza.NotAcceptable)
		return
	}
	if to.Resourcepart() != "" {
		r.forwardToOccupant(e, occ, to.Resourcepart(), out)
		return
	}
	if e.Get("type") != "groupchat" {
		out.errorReply(e, stanza.Modify, stanza.BadRequest)
		return
	}
	if occ.Role == "visitor" {
		out.errorReply(e, stanza.Auth, stanza.Forbidden)
		return
	}
	if subj := e.Child("", "subject"); subj != nil && e.Child("", "body") == nil && e.Child("", "thread") == nil {
		if occ.Role != "moderator" && !r.cfg.ChangeSubject {
			out.errorReply(e, stanza.Auth, stanza.Forbidden)
			return
		}
		r.subject = subj.Text()
	}
	e = r.groupchatStanza(e)
	if isHistoric(e) {
		r.hist.add(e, occ.addr, r.jid.String(), r.svc.cfg.Now())
	}
	for _, o := range r.occupants {
		out.readdress(e, occ.addr, o.real)
	}
}

// groupchatStanza is e as the room broadcasts and stores it (prosody's
// handle_groupchat_to_room): delay elements claiming to be from the room
// are dropped, and a stanza without an id gets one. e itself is not
// modified.
func (r *Room) groupchatStanza(e *xmpp.Element) *xmpp.Element {
	room := r.jid.String()
	spoofed := func(c *xmpp.Element) bool {
		return (c.Is(nsDelay, "delay") || c.Is(nsLegacyDelay, "x")) && c.Get("from") == room
	}
	change := e.Get("id") == ""
	for _, n := range e.Nodes {
		change = change || n.El != nil && spoofed(n.El)
	}
	if !change {
		return e
	}
	m := e.ShallowCopy()
	kept := m.Nodes[:0]
	for _, n := range m.Nodes {
		if n.El == nil || !spoofed(n.El) {
			kept = append(kept, n)
		}
	}
	m.Nodes = kept
	if m.Get("id") == "" {
		m.SetAttr("id", stanzaID())
	}
	return m
}

// stanzaID is a random id like prosody's util.id.medium (24 characters).
func stanzaID() string {
	var b [18]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// forwardToOccupant relays a private message or error to nick's real JID.
func (r *Room) forwardToOccupant(e *xmpp.Element, from *Occupant, nick string, out *outbox) {
	target := r.occupants[nick]
	if target == nil {
		out.errorReply(e, stanza.Cancel, stanza.ItemNotFound)
		return
	}
	m := e.ShallowCopy()
	m.SetAttr("from", from.addr)
	m.SetAttr("to", target.real)
	if e.Local == "message" && e.Get("type") != "error" {
		m.Add(xmpp.NewElement(xmpp.NSMUCUser, "x"))
	}
	out.add(m)
}

// forwardIQ routes an IQ sent to an occupant JID to that occupant's real JID
// (Jingle and disco travel this way) and routes the reply back: the result
// is addressed to the requester's occupant JID, which maps to its real JID.
func (r *Room) forwardIQ(e *xmpp.Element, to, from jid.JID, out *outbox) {
	occ := r.sender(from)
	if occ == nil {
		out.errorReply(e, stanza.Cancel, stanza.NotAcceptable)
		return
	}
	target := r.occupants[to.Resourcepart()]
	if target == nil {
		out.errorReply(e, stanza.Cancel, stanza.ItemNotFound)
		return
	}
	m := e.ShallowCopy()
	m.SetAttr("from", occ.addr)
	m.SetAttr("to", target.real)
	out.add(m)
}
