package xmppapi

import (
	"context"
	"errors"
	"slices"

	"github.com/jitsi-go/jitsi-go/focus"
	"mellium.im/xmpp/jid"
)

// onEvent receives the room's occupant events on the client's reader
// goroutine; it records them and queues the work per occupant.
func (r *roomSession) onEvent(ev occEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev.kind {
	case evJoined:
		r.once.Do(func() { close(r.first) })
		r.members[ev.nick] = member{ev.realJID, ev.role, ev.affiliation}
		r.order = append(r.order, ev.nick)
		r.latest[ev.nick] = ev.presence
		r.tasks.push(ev.nick, true, func(ctx context.Context) { r.joinOccupant(ctx, ev) })
		r.tasks.push("", true, r.electOwner)
	case evUpdated:
		old := r.members[ev.nick]
		r.members[ev.nick] = member{ev.realJID, ev.role, ev.affiliation}
		r.latest[ev.nick] = ev.presence
		if !r.pending[ev.nick] {
			r.pending[ev.nick] = true
			r.tasks.push(ev.nick, true, func(ctx context.Context) { r.updateOccupant(ctx, ev.nick, ev.jid) })
		}
		if old.affiliation != ev.affiliation {
			r.tasks.push("", true, r.electOwner)
		}
	case evLeft:
		delete(r.members, ev.nick)
		delete(r.latest, ev.nick)
		r.order = slices.DeleteFunc(r.order, func(n string) bool { return n == ev.nick })
		r.tasks.push(ev.nick, true, func(ctx context.Context) { r.leaveOccupant(ctx, ev.nick) })
		r.tasks.push("", true, r.electOwner)
	}
}

// joinOccupant asks the occupant for its features (or takes them from the
// caps cache) and hands it to the conference.
func (r *roomSession) joinOccupant(ctx context.Context, ev occEvent) {
	if !r.waitReady(ctx) {
		return
	}
	svc := r.sess.svc
	info := parsePresence(ev.presence)
	dctx, cancel := withTimeout(ctx, svc.clk, svc.opts.replyTimeout())
	feats := svc.caps.features(dctx, r.sess.c, ev.jid, info)
	cancel()
	occ := focus.Occupant{Nick: ev.nick, JID: ev.jid, Role: ev.role, StatsID: info.StatsID, Region: info.Region,
		Features: feats, AudioMuted: info.AudioMuted, VideoMuted: info.VideoMuted}
	r.log.Debug("occupant joined", "endpoint", ev.nick, "codecs", info.Codecs, "features", uint32(feats))
	r.report(r.conf.Join(ctx, occ), "join", ev.nick)
	svc.state.changed()
}

// updateOccupant hands the occupant's latest presence to the conference.
func (r *roomSession) updateOccupant(ctx context.Context, nick, occupantJID string) {
	r.mu.Lock()
	p, m := r.latest[nick], r.members[nick]
	delete(r.pending, nick)
	r.mu.Unlock()
	if p == nil || !r.waitReady(ctx) {
		return
	}
	info := parsePresence(p)
	occ := focus.Occupant{Nick: nick, JID: occupantJID, Role: m.role, StatsID: info.StatsID, Region: info.Region,
		AudioMuted: info.AudioMuted, VideoMuted: info.VideoMuted}
	r.report(r.conf.UpdateOccupant(ctx, occ), "update", nick)
	r.sess.svc.state.changed()
}

func (r *roomSession) leaveOccupant(ctx context.Context, nick string) {
	if r.waitReady(ctx) {
		r.report(r.conf.Leave(ctx, nick), "leave", nick)
		r.sess.svc.state.changed()
	}
}

func (r *roomSession) report(err error, what, nick string) {
	if err != nil && !errors.Is(err, focus.ErrClosed) && r.ctx.Err() == nil {
		r.log.Warn("occupant event not delivered", "event", what, "endpoint", nick, "err", err)
	}
}

// electOwner grants owner to the first participant when no participant is
// owner (jicofo's AutoOwnerRoleManager, enable-auto-owner).
func (r *roomSession) electOwner(ctx context.Context) {
	if !r.sess.svc.cfg.Conference.EnableAutoOwner || !r.waitReady(ctx) {
		return
	}
	nick, real := r.ownerCandidate()
	if nick == "" {
		return
	}
	bare, err := jid.Parse(real)
	if err != nil {
		return
	}
	sctx, cancel := withTimeout(ctx, r.sess.svc.clk, r.sess.svc.opts.replyTimeout())
	defer cancel()
	if err := r.room.SetAffiliation(sctx, bare.Bare().String(), "owner"); err != nil {
		r.log.Warn("granting owner failed", "endpoint", nick, "err", err)
		return
	}
	r.log.Info("granted owner", "endpoint", nick)
	r.mu.Lock()
	if _, ok := r.members[nick]; ok {
		r.owner = nick
	}
	r.mu.Unlock()
}

// ownerCandidate returns the occupant to make owner, or "" when there is
// an owner already or nobody qualifies (robots and visitors never do).
func (r *roomSession) ownerCandidate() (nick, realJID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.members[r.owner]; !ok {
		r.owner = ""
	}
	if r.owner != "" {
		return "", ""
	}
	for _, n := range r.order {
		m := r.members[n]
		if r.robot(m) {
			continue
		}
		if m.affiliation == "owner" {
			r.owner = n
			return "", ""
		}
		if nick == "" && m.role != "visitor" && m.realJID != "" {
			nick, realJID = n, m.realJID
		}
	}
	return nick, realJID
}

// robot reports an occupant from a trusted domain (jibri, jigasi,
// transcribers), which never becomes owner.
func (r *roomSession) robot(m member) bool {
	j, err := jid.Parse(m.realJID)
	if err != nil {
		return false
	}
	return slices.Contains(r.sess.svc.cfg.TrustedDomains, j.Domainpart())
}
