package c2s

import (
	"strconv"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stanza"
	"mellium.im/xmpp/stream"
)

func (s *Session) handleStanza(e *xmpp.Element) error {
	if !xmpp.IsStanza(e) {
		if e.Space == xmpp.NSSM {
			return s.handleSM(e)
		}
		return stream.UnsupportedStanzaType
	}
	s.countIn()
	to, err := e.To()
	if err != nil {
		s.t.Send(xmpp.ErrorReply(e, stanza.Error{Type: stanza.Modify, Condition: stanza.JIDMalformed}))
		return nil
	}
	e.Space = xmpp.NSClient
	e.SetAttr("from", s.jid.String())
	if e.Local == "iq" && e.Get("type") == "set" && e.Child(xmpp.NSSession, "session") != nil && to.Localpart() == "" {
		s.t.Send(xmpp.NewIQ("result", e.Get("id"), "", "", nil))
		return nil
	}
	if e.Local == "presence" && e.Get("to") == "" {
		s.broadcastPresence(e)
		return nil
	}
	if e.Get("to") == "" {
		e.SetAttr("to", s.jid.Bare().String())
	}
	if e.Local == "presence" {
		s.trackDirected(e)
	}
	s.env.Router.Route(e)
	return nil
}

// broadcastPresence handles presence without a to address: it updates the
// session's availability and fans out to the user's other resources and
// to directed-presence targets when going unavailable.
func (s *Session) broadcastPresence(p *xmpp.Element) {
	typ := p.Get("type")
	if typ != "" && typ != "unavailable" {
		return
	}
	prio := 0
	if c := p.Child("", "priority"); c != nil {
		prio, _ = strconv.Atoi(c.Text())
	}
	avail := typ == ""
	s.env.Router.SetPresence(s.jid, avail, prio)
	s.mu.Lock()
	s.avail = avail
	s.lastPres = p
	var directed map[string]bool
	if !avail {
		directed, s.directed = s.directed, map[string]bool{}
	}
	s.mu.Unlock()
	for _, j := range s.env.Router.Available(s.jid.Bare()) {
		if j.Equal(s.jid) {
			continue
		}
		c := p.ShallowCopy()
		c.SetAttr("to", j.String())
		s.env.Router.Route(c)
	}
	s.sendUnavailable(directed)
	self := p.ShallowCopy()
	self.SetAttr("to", s.jid.String())
	s.Deliver(self)
}

func (s *Session) trackDirected(p *xmpp.Element) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.directed == nil {
		return
	}
	switch p.Get("type") {
	case "":
		s.directed[p.Get("to")] = true
	case "unavailable":
		delete(s.directed, p.Get("to"))
	}
}

func (s *Session) sendUnavailable(to map[string]bool) {
	for j := range to {
		u := xmpp.NewElement(xmpp.NSClient, "presence", "type", "unavailable", "from", s.jid.String(), "to", j)
		s.env.Router.Route(u)
	}
}

// goOffline runs at session end: directed presences get unavailable.
func (s *Session) goOffline(directed map[string]bool, wasAvail bool) {
	s.sendUnavailable(directed)
	if wasAvail {
		s.env.Router.SetPresence(s.jid, false, 0)
	}
}
