package participant

import (
	"context"
	"sync"

	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

// Handler routes Jingle IQs the way lib-jitsi-meet's strophe.jingle.js does:
// Ack gives the reply to send at once, before any processing, and names the
// Session the action is for; Process then applies it. A session-initiate
// starts a new Session (a re-invite after session-terminate included); a
// session-terminate, from either side, forgets the current one.
type Handler struct {
	// NewSession makes the Session for a session-initiate.
	NewSession func() *Session
	// Focus, when set, is the only JID a session-initiate is taken from
	// (room@conference/focus); lib-jitsi-meet would treat any other sender
	// as a P2P peer, which this participant does not implement.
	Focus string
	// Accept sends the session-accept (to the focus, with responder set).
	Accept func(ctx context.Context, s *Session, accept *jingle.Jingle) error
	// Terminated is called after a session-terminate closed a session.
	Terminated func(s *Session, j *jingle.Jingle)

	mu   sync.Mutex
	sid  string
	peer string
	cur  *Session
}

// Current returns the live session, or nil.
func (h *Handler) Current() *Session {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cur
}

// Forget drops the live session if its ID is sid (after a local
// session-terminate), so that Jingle for it is answered as unknown and a
// new session-initiate is accepted.
func (h *Handler) Forget(sid string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.sid == sid {
		h.sid, h.peer, h.cur = "", "", nil
	}
}

// Ack returns the immediate reply to a Jingle set IQ and, when it is a
// result, the session to process it on: bad-request for an unknown action,
// service-unavailable for a session-initiate while a session is live or
// from another JID than Focus, item-not-found with unknown-session for
// another sid or sender, result otherwise (transport-replace included,
// which Process ignores).
func (h *Handler) Ack(iq *jingle.IQ) (*jingle.IQ, *Session) {
	j := iq.Jingle
	if j == nil || j.Validate() != nil {
		return iq.ErrorReply(jingle.Error{Type: stanza.Cancel, Condition: stanza.BadRequest}), nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if j.Action == jingle.ActionSessionInitiate {
		if h.sid != "" || h.Focus != "" && iq.From.String() != h.Focus {
			return iq.ErrorReply(jingle.Error{Type: stanza.Cancel, Condition: stanza.ServiceUnavailable}), nil
		}
		h.sid, h.peer, h.cur = j.SID, iq.From.String(), h.NewSession()
		return iq.Result(), h.cur
	}
	if j.SID != h.sid || iq.From.String() != h.peer {
		return iq.ErrorReply(jingle.ErrUnknownSession), nil
	}
	s := h.cur
	if j.Action == jingle.ActionSessionTerminate {
		h.sid, h.peer, h.cur = "", "", nil
	}
	return iq.Result(), s
}

// Process applies an acknowledged action to the session Ack named. Errors
// are the Session's; the caller decides (lib-jitsi-meet logs them).
func (h *Handler) Process(ctx context.Context, s *Session, iq *jingle.IQ) error {
	j := iq.Jingle
	switch j.Action.Canonical() {
	case jingle.ActionSessionInitiate:
		acc, err := s.Accept(ctx, j)
		if err != nil {
			return err
		}
		acc.Responder = iq.To.String()
		if h.Accept != nil {
			return h.Accept(ctx, s, acc)
		}
	case jingle.ActionSourceAdd:
		return s.SourceAdd(j)
	case jingle.ActionSourceRemove:
		return s.SourceRemove(j)
	case jingle.ActionTransportInfo:
		return s.TransportInfo(j)
	case jingle.ActionSessionTerminate:
		err := s.Close()
		if h.Terminated != nil {
			h.Terminated(s, j)
		}
		return err
	}
	return nil // transport-replace and the rest: acknowledged, ignored
}
