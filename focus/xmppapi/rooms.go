package xmppapi

import (
	"context"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/focus"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

const nsJingle = "urn:xmpp:jingle:1"

// request makes sure the focus is in room and reports whether it is
// (jicofo's conferenceRequest): false while the join is still running when
// ctx ends, or when it failed.
func (sess *session) request(ctx context.Context, room string, props map[string]string) (bool, error) {
	r, err := sess.roomFor(ctx, room, props)
	if err != nil {
		return false, err
	}
	select {
	case <-r.ready:
		return r.err == nil, r.err
	case <-ctx.Done():
		return false, nil
	}
}

// roomFor returns the room's session, starting one if there is none; a
// session that is leaving is waited for first.
func (sess *session) roomFor(ctx context.Context, room string, props map[string]string) (*roomSession, error) {
	for {
		sess.mu.Lock()
		if sess.ctx.Err() != nil {
			sess.mu.Unlock()
			return nil, ErrNotConnected
		}
		r := sess.rooms[room]
		if r == nil {
			r = newRoomSession(sess, room, props)
			sess.rooms[room] = r
			sess.wg.Add(1)
			sess.mu.Unlock()
			go func() {
				defer sess.wg.Done()
				r.run()
			}()
			return r, nil
		}
		sess.mu.Unlock()
		if !r.closing.Load() {
			return r, nil
		}
		select {
		case <-r.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (sess *session) removeRoom(r *roomSession) {
	sess.mu.Lock()
	if sess.rooms[r.jid] == r {
		delete(sess.rooms, r.jid)
	}
	sess.mu.Unlock()
}

// roomOf finds the room session of an occupant JID (room@service/nick).
func (sess *session) roomOf(from string) (*roomSession, string) {
	j, err := jid.Parse(from)
	if err != nil || j.Resourcepart() == "" {
		return nil, ""
	}
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return sess.rooms[j.Bare().String()], j.Resourcepart()
}

// jingleHandler queues a Jingle IQ from an occupant behind its other
// events; the reply is sent once the conference has handled it.
func (sess *session) jingleHandler(iq *xmpp.Element) *xmpp.Element {
	return sess.occupantIQ(iq, (*roomSession).handleJingle)
}

// muteHandler queues a mute IQ from an occupant.
func (sess *session) muteHandler(iq *xmpp.Element) *xmpp.Element {
	return sess.occupantIQ(iq, (*roomSession).handleMute)
}

func (sess *session) occupantIQ(iq *xmpp.Element, h func(*roomSession, context.Context, *xmpp.Element) *xmpp.Element) *xmpp.Element {
	if iq.Get("type") != "set" {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Modify, Condition: stanza.BadRequest})
	}
	r, nick := sess.roomOf(iq.Get("from"))
	if r == nil {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Cancel, Condition: stanza.ItemNotFound, Text: text("no conference for " + iq.Get("from"))})
	}
	ok := r.tasks.push(nick, false, func(ctx context.Context) {
		reply := h(r, ctx, iq)
		if err := sess.c.Send(ctx, reply); err != nil && ctx.Err() == nil {
			r.log.Warn("sending reply", "to", iq.Get("from"), "err", err)
		}
	})
	if !ok {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Wait, Condition: stanza.ResourceConstraint})
	}
	return nil
}

func unavailable(iq *xmpp.Element) *xmpp.Element {
	return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Cancel, Condition: stanza.ServiceUnavailable})
}

// handleJingle returns the reply to a Jingle IQ: a bad-request for
// malformed Jingle, else what the conference answers.
func (r *roomSession) handleJingle(ctx context.Context, iq *xmpp.Element) *xmpp.Element {
	if !r.waitReady(ctx) {
		return unavailable(iq)
	}
	jiq, jerr := focus.DecodeJingleRequest(stanzaBytes(iq))
	if jerr != nil {
		return xmpp.ErrorReply(iq, jerr.StanzaError())
	}
	reply, err := r.conf.HandleJingle(ctx, jiq)
	if err != nil {
		return unavailable(iq)
	}
	reply.XMLName = iqName
	e, err := toElement(reply)
	if err != nil {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Wait, Condition: stanza.InternalServerError})
	}
	return e
}

// handleMute returns the reply to a mute IQ (jicofo's MuteIqHandler).
func (r *roomSession) handleMute(ctx context.Context, iq *xmpp.Element) *xmpp.Element {
	if !r.waitReady(ctx) {
		return unavailable(iq)
	}
	m, err := colibri.DecodeIQ[colibri.Mute](stanzaBytes(iq))
	if err != nil || m.Payload == nil {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Modify, Condition: stanza.BadRequest})
	}
	serr, err := r.conf.HandleMute(ctx, iq.Get("from"), *m.Payload)
	switch {
	case err != nil:
		return unavailable(iq)
	case serr != nil:
		return xmpp.ErrorReply(iq, *serr)
	}
	return xmpp.Result(iq, nil)
}

// discoInfoHandler answers disco#info to the focus with the Jingle
// features it speaks.
func discoInfoHandler(iq *xmpp.Element) *xmpp.Element {
	if iq.Get("type") != "get" {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Cancel, Condition: stanza.FeatureNotImplemented})
	}
	q := xmpp.NewElement(xmpp.NSDiscoInfo, "query")
	q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "identity", "category", "component", "type", "focus", "name", "Jitsi Conference Focus"))
	for _, f := range []string{xmpp.NSDiscoInfo, xmpp.NSPing, nsJingle, "urn:xmpp:jingle:apps:rtp:1",
		"urn:xmpp:jingle:apps:rtp:audio", "urn:xmpp:jingle:apps:rtp:video", "urn:xmpp:jingle:transports:ice-udp:1",
		"urn:xmpp:jingle:apps:dtls:0", colibri.NSFocus} {
		q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "feature", "var", f))
	}
	return xmpp.Result(iq, q)
}

// roomCount is the number of room sessions of the current client session.
func (s *Service) roomCount() int {
	sess := s.sess.Load()
	if sess == nil {
		return 0
	}
	sess.mu.Lock()
	defer sess.mu.Unlock()
	return len(sess.rooms)
}
