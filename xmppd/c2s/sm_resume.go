package c2s

import (
	"crypto/tls"
	"strconv"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stanza"
)

// nullTransport stands in while a session hibernates.
type nullTransport struct{}

func (nullTransport) OpenStream(string, string, *xmpp.Element) {}
func (nullTransport) Send(*xmpp.Element) bool                  { return true }
func (nullTransport) Close(error)                              {}
func (nullTransport) CanStartTLS() bool                        { return false }
func (nullTransport) TLSState() *tls.ConnectionState           { return nil }
func (nullTransport) Secure() bool                             { return false }

// Lost is called by a framing when the connection dropped without a stream
// close: a resumable session hibernates for smResumeAfter, others end.
func (s *Session) Lost() {
	if r := s.resumed; r != nil {
		r.Lost()
		return
	}
	s.mu.Lock()
	if s.sm.resumable && !s.closed && s.phase == phaseBound && !s.sm.hibernating {
		s.sm.hibernating = true
		s.t = nullTransport{}
		s.timer = s.env.Clock.AfterFunc(smResumeAfter, s.expire)
		s.mu.Unlock()
		s.Logger().Info("connection lost; session hibernating", "jid", s.jid.String())
		return
	}
	s.mu.Unlock()
	s.Closed()
}

func (s *Session) expire() {
	s.mu.Lock()
	hib := s.sm.hibernating
	s.mu.Unlock()
	if hib {
		s.env.Resume.take(s.sm.id)
		s.Closed()
	}
}

// resume attaches this freshly authenticated connection to a hibernating
// session of the same account (XEP-0198 §5).
func (s *Session) resume(e *xmpp.Element) error {
	old := s.env.Resume.take(e.Get("previd"))
	h, err := strconv.ParseUint(e.Get("h"), 10, 32)
	// The previd is an unguessable token; on anonymous hosts every login gets
	// a new localpart, so only the host must match there.
	if old == nil || err != nil || old.host != s.host || (old.user != s.user && !s.hcfg.Anonymous) {
		if old != nil {
			s.env.Resume.put(e.Get("previd"), old)
		}
		s.t.Send(smFailed(stanza.ItemNotFound))
		return nil
	}
	old.mu.Lock()
	if !old.sm.hibernating || old.closed || !old.sm.resumable {
		old.mu.Unlock()
		s.env.Resume.put(e.Get("previd"), old)
		s.t.Send(smFailed(stanza.UnexpectedRequest))
		return nil
	}
	old.sm.hibernating = false
	old.timer.Stop()
	old.t = s.t
	old.ackLocked(uint32(h))
	resend := append([]*xmpp.Element(nil), old.sm.unacked...)
	in := old.sm.in
	old.mu.Unlock()
	s.env.Resume.put(old.sm.id, old)
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
	}
	s.resumed = old
	s.closed = true // this Session object is only a forwarder now
	s.mu.Unlock()
	s.env.Count.Connections.Add(-1)
	s.t.Send(smElement("resumed", "previd", old.sm.id, "h", strconv.FormatUint(uint64(in), 10)))
	for _, st := range resend {
		s.t.Send(st)
	}
	old.Logger().Info("session resumed", "jid", old.jid.String(), "resent", len(resend))
	return nil
}
