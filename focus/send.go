package focus

import (
	"context"
	"errors"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// colibri queues a request for the bridge (on its endpoint's queue, see
// bridgeQueues); then, if not nil, gets the outcome on the executor. The IQ timeout is real time: the XMPP layer needs
// a deadline, and the test doubles answer a "timeout" without waiting.
func (c *conference) colibri(b *bridgeSession, req *colibri.ConferenceModify,
	then func(*conference, *colibri.ConferenceModified, error)) {
	task := func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, c.p.IQTimeout)
		resp, err := c.p.Bridges.ConferenceModify(ctx, b.jid, req)
		cancel()
		if then != nil {
			c.post(func(c *conference) { then(c, resp, err) })
		}
	}
	var ok bool
	switch {
	case req.Expire:
		ok = b.queues.pushLast(task)
	case len(req.Endpoints) == 1:
		ok = b.queues.push(req.Endpoints[0].ID, req.Create, task)
	default:
		ok = b.queues.push("", req.Create, task)
	}
	if !ok {
		c.log.Warn("colibri2 queue full, request dropped", "bridge", b.jid)
	}
}

// update sends an endpoint update and handles a failure the way jicofo
// handles any failed Colibri2 request: bad-request is only logged, other
// errors and timeouts fail the bridge and move its participants.
func (c *conference) update(p *participant, ep colibri.Endpoint) {
	b := p.bridge
	if b == nil {
		return
	}
	c.colibri(b, ModifyRequest(c.p.MeetingID, c.p.Room, false, ep), func(c *conference, _ *colibri.ConferenceModified, err error) {
		if err != nil {
			c.colibriFailed(b, err, p, "update")
		}
	})
}

// expireEndpoint sends <endpoint expire="true"> and ignores the outcome; the
// endpoint's queue ends once it has gone out.
func (c *conference) expireEndpoint(b *bridgeSession, id string) {
	c.colibri(b, ModifyRequest(c.p.MeetingID, c.p.Room, false, ExpireEndpoint(id)), nil)
	b.queues.retire(id)
}

// sendJingle queues j for the participant; then, if not nil, gets the reply
// on the executor (nil for a result, and for a timeout, which jicofo treats as
// success too).
func (c *conference) sendJingle(p *participant, j *jingle.Jingle, then func(*conference, error)) {
	to := p.occ.JID
	ok := p.out.push(func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, c.p.IQTimeout)
		c.countSent(j.Action)
		err := c.p.Signaller.SendJingle(ctx, to, j)
		cancel()
		if errors.Is(err, context.DeadlineExceeded) {
			err = nil
		}
		if err != nil {
			p.log.Warn("jingle request failed", "action", j.Action, "err", err)
		}
		if then != nil {
			c.post(func(c *conference) { then(c, err) })
		}
	})
	if !ok {
		p.log.Warn("jingle queue full, request dropped", "action", j.Action)
	}
}

// terminate sends session-terminate with a reason for the current session.
func (c *conference) terminate(p *participant, cond jingle.ReasonCondition, text string) {
	if p.sid == "" {
		return
	}
	c.sendJingle(p, &jingle.Jingle{Action: jingle.ActionSessionTerminate, Initiator: c.p.FocusJID, SID: p.sid,
		Reason: &jingle.Reason{Condition: cond, Text: text}}, nil)
}

// signalSources sends the participant what changed in its remote sources
// since the last signalling: a source-remove, then a source-add.
func (c *conference) signalSources(p *participant) {
	if p.state != stateActive || p.sid == "" {
		return
	}
	remove, add := p.remote.update()
	if len(remove) > 0 {
		c.sendJingle(p, c.sourcesIQ(p, jingle.ActionSourceRemove, remove), nil)
	}
	if len(add) > 0 {
		c.sendJingle(p, c.sourcesIQ(p, jingle.ActionSourceAdd, add), nil)
	}
}

func (c *conference) sourcesIQ(p *participant, a jingle.Action, m jingle.ConferenceSourceMap) *jingle.Jingle {
	j := &jingle.Jingle{Action: a, SID: p.sid}
	if c.json(p) {
		msg, err := jingle.NewJSONMessage(m)
		if err == nil {
			j.JSONMessage = msg
			return j
		}
		p.log.Warn("json-message encoding failed, sending elements", "err", err)
	}
	j.Contents = m.Contents()
	return j
}

// forSignaling is how owner's sources are signalled to others: with
// simulcast stripped when jicofo.conference.strip-simulcast is set.
func (c *conference) forSignaling(e jingle.EndpointSources) jingle.ConferenceSourceMap {
	if c.p.Config.Conference.StripSimulcast {
		e = e.StripSimulcast()
	}
	m := jingle.ConferenceSourceMap{}
	if !e.IsEmpty() {
		m.Add(e)
	}
	return m
}

// propagateAdd queues owner's new sources for every other participant and
// signals them to those whose session is active (see queueSources).
func (c *conference) propagateAdd(owner *participant, added jingle.EndpointSources) {
	m := c.forSignaling(added)
	if len(m) == 0 {
		return
	}
	for _, q := range c.sortedParticipants() {
		if q != owner {
			q.remote.add(m)
			c.queueSources(q)
		}
	}
}

// propagateRemove queues the removal of owner's sources for every other
// participant and signals it to those whose session is active (see
// queueSources).
func (c *conference) propagateRemove(owner *participant, removed jingle.EndpointSources) {
	if removed.IsEmpty() {
		return
	}
	m := jingle.ConferenceSourceMap{}
	m.Add(removed)
	for _, q := range c.sortedParticipants() {
		if q != owner {
			q.remote.remove(m)
			c.queueSources(q)
		}
	}
}
