package c2s

import (
	"strconv"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stanza"
	"mellium.im/xmpp/stream"
)

// XEP-0198 limits.
const (
	smMaxUnacked  = 10000
	smAskEvery    = 20
	smResumeAfter = 300 * time.Second
)

// smState is a session's stream management state, guarded by Session.mu.
type smState struct {
	enabled, resumable, hibernating bool
	id                              string
	in, out                         uint32
	unacked                         []*xmpp.Element
}

// Resumptions maps XEP-0198 resumption ids to hibernating or live sessions.
type Resumptions struct {
	mu sync.Mutex
	m  map[string]*Session
}

// NewResumptions returns an empty registry.
func NewResumptions() *Resumptions { return &Resumptions{m: map[string]*Session{}} }

func (r *Resumptions) put(id string, s *Session) {
	r.mu.Lock()
	r.m[id] = s
	r.mu.Unlock()
}

func (r *Resumptions) take(id string) *Session {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.m[id]
	delete(r.m, id)
	return s
}

func smElement(local string, attrs ...string) *xmpp.Element {
	return xmpp.NewElement(xmpp.NSSM, local, attrs...)
}

func smFailed(cond stanza.Condition) *xmpp.Element {
	return smElement("failed").Add(xmpp.NewElement(xmpp.NSStanzaErr, string(cond)))
}

// handleSM serves <enable/>, <r/> and <a/> on a bound session.
func (s *Session) handleSM(e *xmpp.Element) error {
	switch e.Local {
	case "enable":
		s.mu.Lock()
		if s.sm.enabled {
			s.mu.Unlock()
			s.t.Send(smFailed(stanza.UnexpectedRequest))
			return nil
		}
		s.sm.enabled, s.sm.id = true, newID()
		s.sm.resumable = e.Get("resume") == "true" || e.Get("resume") == "1"
		s.mu.Unlock()
		reply := smElement("enabled", "id", s.sm.id)
		if s.sm.resumable {
			s.env.Resume.put(s.sm.id, s)
			reply.SetAttr("resume", "true").SetAttr("max", strconv.Itoa(int(smResumeAfter/time.Second)))
		}
		s.t.Send(reply)
	case "r":
		s.mu.Lock()
		h := s.sm.in
		s.mu.Unlock()
		s.t.Send(smElement("a", "h", strconv.FormatUint(uint64(h), 10)))
	case "a":
		h, err := strconv.ParseUint(e.Get("h"), 10, 32)
		if err != nil {
			return stream.BadFormat
		}
		s.mu.Lock()
		s.ackLocked(uint32(h))
		s.mu.Unlock()
	default:
		return stream.UnsupportedStanzaType
	}
	return nil
}

// ackLocked drops the stanzas the client confirmed (h counts from 1).
func (s *Session) ackLocked(h uint32) {
	pending := s.sm.out - h
	if int(pending) < len(s.sm.unacked) {
		s.sm.unacked = append(s.sm.unacked[:0], s.sm.unacked[len(s.sm.unacked)-int(pending):]...)
	}
}

// countIn records one handled stanza from the client.
func (s *Session) countIn() {
	s.mu.Lock()
	if s.sm.enabled {
		s.sm.in++
	}
	s.mu.Unlock()
}

// trackOut records one stanza for the client; it reports whether the
// session is hibernating and whether an ack request is due.
func (s *Session) trackOut(e *xmpp.Element) (t Transport, hibernating, ask bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sm.enabled {
		s.sm.out++
		s.sm.unacked = append(s.sm.unacked, e)
		if len(s.sm.unacked) > smMaxUnacked {
			s.sm.unacked = s.sm.unacked[1:]
			s.sm.resumable = false // a gap: resumption would lose stanzas
		}
		ask = len(s.sm.unacked)%smAskEvery == 0
	}
	return s.t, s.sm.hibernating, ask
}
