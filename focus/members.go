package focus

import (
	"context"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// Join adds an occupant that joined the room (its presence and features
// known). Invitations start once jicofo.conference.min-participants are in.
func (c *Conference) Join(ctx context.Context, o Occupant) error {
	return c.do(ctx, func(s *conference) { s.onJoin(o) })
}

// UpdateOccupant records a presence change of an occupant (role, muted
// state, stats-id).
func (c *Conference) UpdateOccupant(ctx context.Context, o Occupant) error {
	return c.do(ctx, func(s *conference) {
		if p, ok := s.participants[o.Nick]; ok {
			s.byJID[o.JID] = p
			p.occ.Role, p.occ.StatsID = o.Role, o.StatsID
			p.occ.AudioMuted, p.occ.VideoMuted = o.AudioMuted, o.VideoMuted
		}
	})
}

// Leave removes the occupant with that nick.
func (c *Conference) Leave(ctx context.Context, nick string) error {
	return c.do(ctx, func(s *conference) { s.onLeave(nick) })
}

func (c *conference) onJoin(o Occupant) {
	if _, ok := c.participants[o.Nick]; ok {
		c.log.Warn("occupant joined twice", "endpoint", o.Nick)
		return
	}
	p := c.newParticipant(o)
	c.p.Totals.participants.Add(1)
	p.justJoined = true
	c.participants[o.Nick] = p
	c.byJID[o.JID] = p
	p.log.Info("member joined", "features", uint32(o.Features), "region", o.Region)
	c.lonelyTimer++ // cancels a pending single-participant timeout
	c.maybeInvite()
}

// maybeInvite invites every participant without a session once the
// conference has min-participants (jicofo's checkMinParticipants).
func (c *conference) maybeInvite() {
	if len(c.participants) < c.p.Config.Conference.MinParticipants {
		return
	}
	c.started = true
	for _, p := range c.sortedParticipants() {
		if p.state == stateIdle || p.state == stateNoBridge {
			c.invite(p)
		}
	}
}

func (c *conference) onLeave(nick string) {
	p, ok := c.participants[nick]
	if !ok {
		return
	}
	p.log.Info("member left")
	delete(c.participants, nick)
	delete(c.byJID, p.occ.JID)
	close(p.gone) // drops a delayed flush of its remote sources
	c.endSession(p, true)
	p.out.abort() // nothing queued for a departed occupant matters any more
	switch len(c.participants) {
	case 0:
		c.log.Info("room is empty, expiring the conference")
		c.expireAll()
		c.ended = true
	case 1:
		c.scheduleLonely()
	}
}

// scheduleLonely starts single-participant-timeout: when it fires with one
// participant still alone, its session is terminated and the conference
// expired on the bridges.
func (c *conference) scheduleLonely() {
	c.lonelyTimer++
	token := c.lonelyTimer
	c.after(c.p.Config.Conference.SingleParticipantTimeout, func(c *conference) {
		if token != c.lonelyTimer || len(c.participants) != 1 {
			return
		}
		for _, p := range c.participants {
			p.log.Info("timing out single participant")
			c.terminate(p, jingle.ReasonExpired, "Idle session timeout")
			c.sources.removeOwner(p.occ.Nick)
			p.bridge, p.sid, p.state = nil, "", stateIdle
			p.gen++
		}
		c.expireAll()
	})
}
