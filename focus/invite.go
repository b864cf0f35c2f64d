package focus

import (
	"errors"

	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// maxFailedAllocations stops re-inviting a participant whose allocations keep
// failing (for instance a bridge that always answers conflict).
const maxFailedAllocations = 3

// invite selects a bridge for p and allocates its endpoint there; the
// session-initiate follows when the bridge answers (onAllocated).
func (c *conference) invite(p *participant) {
	p.gen++
	b, err := c.selectBridge(p)
	if err != nil {
		p.state = stateNoBridge
		p.log.Warn("no bridge available", "err", err)
		c.setNoBridge(true)
		return
	}
	c.setNoBridge(false)
	bs := c.session(b.JID, b.Stats.Region)
	p.bridge, p.state, p.opts = bs, stateAllocating, c.p.Offers.Options(p.occ.Features)
	ep := c.p.Offers.CreateEndpoint(EndpointParams{
		ID: p.occ.Nick, StatsID: p.occ.StatsID, Options: p.opts, Sources: c.sources.get(p.occ.Nick),
		ForceMuteAudio: c.mustForceMute(p, colibri.MuteAudio), ForceMuteVideo: c.mustForceMute(p, colibri.MuteVideo),
		Visitor: p.occ.IsVisitor(),
	})
	p.forceMute[colibri.MuteAudio] = ep.ForceMute != nil && ep.ForceMute.Audio
	p.forceMute[colibri.MuteVideo] = ep.ForceMute != nil && ep.ForceMute.Video
	req := ModifyRequest(c.p.MeetingID, c.p.Room, !bs.created, ep)
	bs.created = true
	c.p.Registry.EndpointAdded(bs.jid)
	p.log.Info("allocating", "bridge", bs.jid, "create", req.Create)
	gen := p.gen
	c.colibri(bs, req, func(c *conference, resp *colibri.ConferenceModified, err error) {
		c.onAllocated(p, gen, bs, resp, err)
	})
}

// selectBridge asks the registry for a bridge, given where the conference's
// other participants are.
func (c *conference) selectBridge(p *participant) (*brewery.Bridge, error) {
	counts := map[string]int{}
	for _, q := range c.participants {
		if q != p && q.bridge != nil {
			counts[q.bridge.jid]++
		}
	}
	return c.p.Registry.Select(c.p.Strategy, brewery.Conference{Bridges: counts}, p.occ.Region)
}

func (c *conference) setNoBridge(v bool) {
	if v == c.noBridge {
		return
	}
	c.noBridge = v
	if c.p.Presence != nil {
		c.p.Presence.SetBridgeNotAvailable(v)
	}
}

// onAllocated continues an invitation once the bridge has answered.
func (c *conference) onAllocated(p *participant, gen uint64, bs *bridgeSession, resp *colibri.ConferenceModified, err error) {
	current := c.participants[p.occ.Nick] == p && p.gen == gen && p.bridge == bs && c.bridges[bs.jid] == bs
	if !current {
		if err == nil && c.bridges[bs.jid] == bs && p.bridge != bs {
			c.expireEndpoint(bs, p.occ.Nick) // the participant left or moved meanwhile
		}
		return
	}
	if err != nil {
		c.colibriFailed(bs, err, p, "allocate")
		return
	}
	transport, port, perr := ParseEndpointReply(resp, p.occ.Nick, p.opts.SCTP)
	if perr != nil {
		c.colibriFailed(bs, perr, p, "allocate")
		return
	}
	if resp.Sources != nil {
		bs.feedback = FeedbackSources(resp.Sources)
	}
	p.failures = 0
	c.initiate(p, &Allocation{BridgeJID: bs.jid, SessionID: bs.id, Region: bs.region,
		Transport: transport, SCTPPort: port, Feedback: bs.feedback})
}

// initiate sends session-initiate with every other participant's sources
// and the bridge's feedback sources.
func (c *conference) initiate(p *participant, a *Allocation) {
	sources := c.sources.signaled(p.occ.Nick)
	if !a.Feedback.IsEmpty() {
		sources[jingle.OwnerJVB] = a.Feedback
	}
	audio := p.forceMute[colibri.MuteAudio] || c.startMuted(p, 0)
	video := p.forceMute[colibri.MuteVideo] || c.startMuted(p, 1)
	p.justJoined = false
	var startMuted *jingle.StartMuted
	if audio || video {
		startMuted = &jingle.StartMuted{Audio: audio, Video: video}
	}
	sid := c.p.NewID()
	j, err := c.p.Offers.Build(OfferParams{SID: sid, Initiator: c.p.FocusJID, Options: p.opts, Alloc: a,
		Sources: sources, JSON: c.json(p), StartMuted: startMuted})
	if err != nil {
		p.log.Error("cannot build offer", "err", err)
		c.releaseEndpoint(p)
		return
	}
	p.sid, p.state = sid, statePending
	p.remote.reset(sources)
	p.log.Info("sending session-initiate", "sid", sid, "bridge", a.BridgeJID)
	gen := p.gen
	c.sendJingle(p, j, func(c *conference, err error) {
		if err != nil && c.participants[p.occ.Nick] == p && p.gen == gen && p.sid == sid {
			// jicofo's onInviteFailed: the client refused the session.
			p.log.Warn("session-initiate refused", "err", err)
			c.terminate(p, jingle.ReasonGeneralError, "jingle session failed")
			c.endSession(p, true)
		}
	})
}

// releaseEndpoint expires p's endpoint and forgets its allocation.
func (c *conference) releaseEndpoint(p *participant) {
	if p.bridge != nil && c.bridges[p.bridge.jid] == p.bridge {
		c.expireEndpoint(p.bridge, p.occ.Nick)
	}
	p.bridge, p.sid, p.state = nil, "", stateIdle
	p.gen++
}

// endSession ends p's session without a new one: its endpoint is expired and
// (if sendRemove) the others get source-remove for its sources.
func (c *conference) endSession(p *participant, sendRemove bool) {
	removed := c.sources.removeOwner(p.occ.Nick)
	if sendRemove {
		c.propagateRemove(p, removed)
	}
	c.releaseEndpoint(p)
}

// colibriFailed reacts to a failed Colibri2 request like jicofo. Replies for
// a session that is gone already (including the cancellations of its
// dropped requests) are ignored, as jicofo ignores them.
func (c *conference) colibriFailed(bs *bridgeSession, err error, p *participant, what string) {
	if c.bridges[bs.jid] != bs {
		return
	}
	f := ClassifyError(err)
	if errors.Is(err, ErrNoTransport) || errors.Is(err, ErrNoSCTPPort) {
		f = FailBridge
	}
	c.log.Warn("colibri2 request failed", "bridge", bs.jid, "request", what, "endpoint", p.occ.Nick,
		"failure", f, "err", err)
	switch f {
	case FailNoRetry:
		if what == "allocate" {
			c.releaseEndpoint(p)
		}
		return
	case FailGraceful:
		c.p.Registry.MarkGracefulShutdown(bs.jid)
	case FailBridge:
		c.p.Registry.MarkFailed(bs.jid)
	}
	p.failures++
	// jicofo's bridges_removed counts the sessions dropped after a failed
	// Colibri2 request, not those the registry ends.
	c.p.Totals.bridgesRemoved.Add(1)
	c.dropSession(bs, f.String())
}

// startMuted is jicofo's hasToStartAudioMuted (media 0) and
// hasToStartVideoMuted (1): the room's startMuted flag for a participant that
// just joined, else whether the conference is over min(max senders,
// startAudioMuted/startVideoMuted).
func (c *conference) startMuted(p *participant, media int) bool {
	if c.roomStartMuted[media] && p.justJoined {
		return true
	}
	limit, prop := c.p.Config.Conference.MaxAudioSenders, c.p.StartAudioMuted
	if media == 1 {
		limit, prop = c.p.Config.Conference.MaxVideoSenders, c.p.StartVideoMuted
	}
	if prop != nil && *prop < limit {
		limit = *prop
	}
	return len(c.participants) > limit
}
