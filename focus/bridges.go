package focus

import (
	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// onBridgeEvent reacts to the registry: a bridge that failed, left the
// brewery or is shutting down loses this conference's session and its
// participants move at once; a new bridge lets waiting participants in.
func (c *conference) onBridgeEvent(ev brewery.Event) {
	switch ev.Kind {
	case brewery.BridgeAdded:
		c.inviteWaiting()
	case brewery.BridgeFailed, brewery.BridgeRemoved, brewery.BridgeShuttingDown:
		bs, ok := c.bridges[ev.JID]
		if !ok {
			return
		}
		if ev.Kind == brewery.BridgeShuttingDown {
			// The bridge is alive: release our conference there.
			c.colibri(bs, ExpireConference(c.p.MeetingID), nil)
		}
		c.dropSession(bs, ev.Kind.String())
	}
}

// inviteWaiting invites the participants that wait for a bridge, once the
// conference has enough participants.
func (c *conference) inviteWaiting() {
	if !c.started {
		return
	}
	for _, p := range c.sortedParticipants() {
		if p.state == stateNoBridge {
			c.invite(p)
		}
	}
}

// dropSession forgets the conference's session on a bridge and moves every
// participant that was on it: source-remove to the others, session-terminate
// ("moving"), then a fresh allocation on another bridge and a new
// session-initiate (jicofo's re-invite with RestartJingle). All of them are
// taken off the bridge before any is re-invited, so selection never counts
// the lost bridge; the new allocations and Jingle requests then run in
// parallel per bridge and per participant.
func (c *conference) dropSession(bs *bridgeSession, reason string) {
	if c.bridges[bs.jid] != bs {
		return
	}
	delete(c.bridges, bs.jid)
	// A failed bridge's queue may hold requests waiting for their timeout;
	// they are dropped. Queued expires to a live bridge still go out.
	if reason == brewery.BridgeShuttingDown.String() {
		bs.queues.closeAll()
	} else {
		bs.queues.abortAll()
	}
	c.bridgeCountChanged()
	var moved []*participant
	for _, p := range c.sortedParticipants() {
		if p.bridge == bs {
			p.bridge = nil
			moved = append(moved, p)
		}
	}
	c.log.Warn("bridge session dropped, moving participants", "bridge", bs.jid, "reason", reason, "count", len(moved))
	// Terminate first, so no moving participant is sent source-remove for
	// another one that is moving too: its new offer has the current sources.
	for _, p := range moved {
		c.terminate(p, jingle.ReasonSuccess, "moving")
		p.sid, p.state = "", stateIdle
	}
	for _, p := range moved {
		c.propagateRemove(p, c.sources.removeOwner(p.occ.Nick))
	}
	for _, p := range moved {
		if p.failures >= maxFailedAllocations {
			p.log.Error("giving up after repeated allocation failures", "failures", p.failures)
			continue
		}
		c.p.Totals.participantsMoved.Add(1)
		c.invite(p)
	}
}

// expireAll expires the conference on every bridge and forgets the sessions.
func (c *conference) expireAll() {
	for jid, bs := range c.bridges {
		c.colibri(bs, ExpireConference(c.p.MeetingID), nil)
		bs.queues.closeAll()
		delete(c.bridges, jid)
	}
	c.bridgeCountChanged()
	for _, p := range c.participants {
		p.bridge = nil
	}
}
