package c2s

import (
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
	"mellium.im/xmpp/stream"
)

func (s *Session) handleBind(e *xmpp.Element) error {
	if e.Local != "iq" || e.Get("type") != "set" {
		return stream.NotAuthorized
	}
	b := e.Child(xmpp.NSBind, "bind")
	if b == nil {
		s.t.Send(xmpp.ErrorReply(e, stanza.Error{Type: stanza.Cancel, Condition: stanza.NotAllowed}))
		return nil
	}
	want := ""
	if r := b.Child(xmpp.NSBind, "resource"); r != nil {
		want = r.Text()
	}
	full, err := s.bindJID(want)
	if err != nil {
		s.t.Send(xmpp.ErrorReply(e, stanza.Error{Type: stanza.Modify, Condition: stanza.BadRequest}))
		return nil
	}
	s.mu.Lock()
	s.jid = full
	s.phase = phaseBound
	s.timer.Stop()
	s.timer = nil // a bound session keeps no timer until it hibernates
	s.mu.Unlock()
	reply := xmpp.NewIQ("result", e.Get("id"), "", "",
		xmpp.NewElement(xmpp.NSBind, "bind").Add(xmpp.NewElement(xmpp.NSBind, "jid").AddText(full.String())))
	s.t.Send(reply)
	return nil
}

// bindJID registers a full JID; a taken or empty resource gets a random one.
func (s *Session) bindJID(want string) (jid.JID, error) {
	for i := 0; i < 4; i++ {
		res := want
		if res == "" || i > 0 {
			res = want + newID()[:8]
		}
		full, err := jid.New(s.user, s.host, res)
		if err != nil {
			return jid.JID{}, err
		}
		if s.env.Router.Bind(full, s) {
			return full, nil
		}
	}
	return jid.JID{}, stream.Conflict
}
