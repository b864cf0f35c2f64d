package participant

import (
	"context"
	"fmt"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// acceptTimeout is how long the focus has to acknowledge a Jingle IQ
// (lib-jitsi-meet's IQ_TIMEOUT).
const acceptTimeout = 10 * time.Second

// work is one acknowledged Jingle action and the session it is for.
type work struct {
	iq *jingle.IQ
	s  *Session
}

// onJingle runs on the XMPP reader: it acknowledges at once and queues the
// action for the worker.
func (p *Participant) onJingle(e *xmpp.Element) *xmpp.Element {
	iq, err := jingle.DecodeIQ(e.Marshal(""))
	if err != nil {
		return xmpp.ErrorReply(e, stanza.Error{Type: stanza.Modify, Condition: stanza.BadRequest})
	}
	reply, s := p.handler.Ack(iq)
	if s != nil {
		select {
		case p.work <- work{iq: iq, s: s}:
		default:
			return xmpp.ErrorReply(e, stanza.Error{Type: stanza.Wait, Condition: stanza.ResourceConstraint})
		}
	}
	return toElement(reply, e)
}

// toElement converts a Jingle IQ to an xmpp element; if that fails the
// request gets an internal-server-error.
func toElement(iq *jingle.IQ, req *xmpp.Element) *xmpp.Element {
	b, err := iq.Encode()
	if err == nil {
		var el *xmpp.Element
		if el, err = xmpp.ParseElement(b); err == nil {
			el.Space = xmpp.NSClient
			return el
		}
	}
	return xmpp.ErrorReply(req, stanza.Error{Type: stanza.Cancel, Condition: stanza.InternalServerError})
}

// worker applies queued Jingle actions in order.
func (p *Participant) worker() {
	for {
		select {
		case <-p.ctx.Done():
			return
		case <-p.client.Done():
			return
		case w := <-p.work:
			if err := p.handler.Process(p.ctx, w.s, w.iq); err != nil {
				p.fail(fmt.Errorf("participant %s: %s %s: %w", p.cfg.Nick, w.iq.Jingle.Action, w.iq.Jingle.SID, err))
				continue
			}
			if w.iq.Jingle.Action == jingle.ActionSessionInitiate {
				p.openBridge(w.s, w.iq.Jingle)
			}
		}
	}
}

// sendJingle sends a Jingle set to the focus occupant and waits for its
// acknowledgement.
func (p *Participant) sendJingle(ctx context.Context, j *jingle.Jingle) error {
	to, err := jid.Parse(p.handler.Focus)
	if err != nil {
		return fmt.Errorf("participant: focus JID: %w", err)
	}
	b, err := jingle.NewSetIQ(stanza.IQ{ID: p.client.NewID(), To: to}, j).Encode()
	if err != nil {
		return err
	}
	el, err := xmpp.ParseElement(b)
	if err != nil {
		return fmt.Errorf("participant: %s: %w", j.Action, err)
	}
	el.Space = xmpp.NSClient
	actx, cancel := context.WithTimeout(ctx, acceptTimeout)
	defer cancel()
	if _, err := p.client.SendIQ(actx, el); err != nil {
		return fmt.Errorf("participant: %s: %w", j.Action, err)
	}
	return nil
}

// sendAccept sends the session-accept, reports the session as accepted and
// starts its media if configured.
func (p *Participant) sendAccept(ctx context.Context, s *Session, acc *jingle.Jingle) error {
	if err := p.sendJingle(ctx, acc); err != nil {
		return err
	}
	select {
	case p.accepted <- s:
	default:
	}
	if !p.cfg.SendMedia {
		return nil
	}
	m, err := s.StartMedia(p.ctx)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.media = m
	p.mu.Unlock()
	return nil
}

// Terminate ends the live session from this side as lib-jitsi-meet does
// (reason success with text, bridge-session with restart), so that with
// restart the focus re-invites.
func (p *Participant) Terminate(ctx context.Context, text string, restart bool) error {
	s := p.handler.Current()
	if s == nil {
		return fmt.Errorf("%w: no session to terminate", ErrState)
	}
	j := s.terminatePayload(text, restart)
	p.handler.Forget(j.SID)
	err := s.Close()
	if serr := p.sendJingle(ctx, j); serr != nil {
		return serr
	}
	return err
}

func (p *Participant) onTerminate(_ *Session, j *jingle.Jingle) {
	select {
	case p.terminated <- j:
	default:
	}
}
