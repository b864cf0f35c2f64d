package xmppapi

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// conferenceIQHandler answers the conference IQ on client c. proxied says
// the IQ may come through mod_client_proxy, whose from is
// focus.<domain>/<original-full-jid>. The answer is sent once the room is
// joined (or ReadyWait has passed), so the reader goroutine never waits.
func (s *Service) conferenceIQHandler(c *xmpp.Client, proxied bool) xmpp.IQHandler {
	return func(iq *xmpp.Element) *xmpp.Element {
		if iq.Get("type") != "set" {
			return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Modify, Condition: stanza.BadRequest})
		}
		select {
		case s.pending <- struct{}{}:
		default:
			return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Wait, Condition: stanza.ResourceConstraint})
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer func() { <-s.pending }()
			s.answerConferenceIQ(c, iq, proxied)
		}()
		return nil
	}
}

func (s *Service) answerConferenceIQ(c *xmpp.Client, iq *xmpp.Element, proxied bool) {
	reply := s.conferenceIQReply(iq, proxied)
	ctx, cancel := withTimeout(context.Background(), s.clk, s.opts.replyTimeout())
	defer cancel()
	if err := c.Send(ctx, reply); err != nil {
		s.log.Warn("conference IQ reply not sent", "to", iq.Get("from"), "err", err)
	}
}

func (s *Service) conferenceIQReply(iq *xmpp.Element, proxied bool) *xmpp.Element {
	req, err := colibri.DecodeIQ[colibri.Conference](stanzaBytes(iq))
	if err != nil || req.Payload == nil {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Modify, Condition: stanza.BadRequest, Text: text("no conference element")})
	}
	from := iq.Get("from")
	if proxied {
		from = unwrapClientProxy(s.cfg.Client.ClientProxy, from)
	}
	resp, err := s.ConferenceRequest(context.Background(), req.Payload, from)
	if err != nil {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Modify, Condition: stanza.BadRequest, Text: text(err.Error())})
	}
	payload, err := toElement(resp)
	if err != nil {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Wait, Condition: stanza.InternalServerError})
	}
	return xmpp.Result(iq, payload)
}

// unwrapClientProxy returns the original requester of an IQ forwarded by
// mod_client_proxy (from = proxy/<original-full-jid>), or from unchanged,
// as jicofo's parseJidFromClientProxyJid does.
func unwrapClientProxy(proxy, from string) string {
	j, err := jid.Parse(from)
	if err != nil || proxy == "" || j.Localpart() != "" || j.Domainpart() != proxy || j.Resourcepart() == "" {
		return from
	}
	orig, err := jid.Parse(j.Resourcepart())
	if err != nil {
		return from
	}
	return orig.String()
}

// ConferenceRequest handles a conference request (the IQ or the HTTP
// variant) from requester: it makes the focus join the room and answers
// ready="true" once it is in, ready="false" when the join is still under
// way after ReadyWait or the XMPP session is down. An unusable room is an
// ErrBadRequest.
func (s *Service) ConferenceRequest(ctx context.Context, req *colibri.Conference, requester string) (*colibri.Conference, error) {
	s.requestsTotal.Add(1)
	room, err := s.checkRoom(req)
	if err != nil {
		return nil, err
	}
	props := map[string]string{}
	for _, p := range req.Properties {
		props[p.Name] = p.Value
	}
	ready := false
	if sess := s.sess.Load(); sess != nil {
		wctx, cancel := withTimeout(ctx, s.clk, s.opts.ReadyWait)
		ready, err = sess.request(wctx, room, props)
		cancel()
		if err != nil && !errors.Is(err, context.Canceled) {
			s.log.Warn("conference request not ready", "conf", room, "from", requester, "err", err)
		}
	}
	s.log.Info("conference request", "conf", room, "from", requester, "ready", ready)
	resp := req.Reply(ready, s.FocusJID())
	resp.SetBoolProperty(colibri.PropAuthentication, false)
	resp.SetBoolProperty(colibri.PropVisitorsSupported, false)
	return resp, nil
}

// checkRoom accepts a bare room JID on a MUC service of the XMPP domain
// (the conference MUC, breakout rooms and the like).
func (s *Service) checkRoom(req *colibri.Conference) (string, error) {
	j, err := req.RoomJID()
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrBadRequest, err)
	}
	domain := j.Domainpart()
	if domain != s.cfg.Client.ConferenceMUCJID && !strings.HasSuffix(domain, "."+s.cfg.XMPPDomain) {
		return "", fmt.Errorf("%w: room %s is not on a MUC service of %s", ErrBadRequest, j, s.cfg.XMPPDomain)
	}
	return j.String(), nil
}

// FocusJID is the bare JID the focus joins rooms with (the focusjid of the
// conference IQ reply).
func (s *Service) FocusJID() string {
	return s.cfg.Client.Username + "@" + s.cfg.Client.Domain
}
