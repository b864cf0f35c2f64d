package xmppapi

import (
	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// colibriRequest is a decoded conference-modify waiting for the worker.
type colibriRequest struct {
	iq   *xmpp.Element
	from string
	req  colibri.ConferenceModifyIQ
}

// onColibri2 queues a conference-modify set for the worker, which answers
// it; a full queue is answered at once with resource-constraint.
func (s *session) onColibri2(iq *xmpp.Element) *xmpp.Element {
	if iq.Get("type") != "set" {
		return errorReply(iq, stanza.Modify, stanza.BadRequest, "conference-modify must be an iq set")
	}
	req, err := decodeIQ[colibri.ConferenceModify](iq)
	if err != nil {
		s.log.Warn("invalid colibri2 request", "from", iq.Get("from"), "err", err)
		return errorReply(iq, stanza.Modify, stanza.BadRequest, err.Error())
	}
	select {
	case s.queue <- colibriRequest{iq: iq, from: iq.Get("from"), req: req}:
		return nil
	default:
		s.log.Warn("colibri2 queue full", "from", iq.Get("from"))
		return errorReply(iq, stanza.Wait, stanza.ResourceConstraint, "too many pending conference-modify requests")
	}
}

// colibriWorker answers the queued requests in arrival order, so a
// conference's requests apply in the order the focus sent them.
func (s *session) colibriWorker() {
	defer s.workers.Done()
	for {
		select {
		case r := <-s.queue:
			reply := encodeIQ(r.iq, s.c.b.HandleColibri2(s.ctx, r.from, r.req))
			if err := s.cl.Send(s.ctx, reply); err != nil {
				return
			}
		case <-s.ctx.Done():
			return
		}
	}
}
