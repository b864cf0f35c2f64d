package focus

import (
	"context"

	"github.com/jitsi-go/jitsi-go/colibri"
	"mellium.im/xmpp/stanza"
)

// HandleMute processes a mute IQ (audio, video or desktop namespace) that the
// occupant from sent to the focus, as jicofo's MuteIqHandler and
// handleMuteRequest do. It returns nil when the XMPP glue must reply result,
// or the stanza error to reply with (not-allowed, internal-server-error).
// On success the force-mute state on the bridge is updated and, for a remote
// mute, the mute IQ is forwarded to the target with actor set.
func (c *Conference) HandleMute(ctx context.Context, from string, m colibri.Mute) (*stanza.Error, error) {
	return call(ctx, c, func(s *conference) *stanza.Error { return s.onMute(from, m) })
}

// SetAVModeration turns audio or video moderation on or off (from the
// av_moderation room metadata). Under moderation, non-moderators are
// force-muted on the bridge.
func (c *Conference) SetAVModeration(ctx context.Context, media colibri.MuteMedia, enabled bool) error {
	return c.do(ctx, func(s *conference) {
		s.avModeration[media] = enabled
		for _, p := range s.sortedParticipants() {
			s.applyForceMute(p)
		}
	})
}

// SetStartMuted records the room metadata's startMuted flags: participants
// joining from now on are invited with <startmuted/>.
func (c *Conference) SetStartMuted(ctx context.Context, audio, video bool) error {
	return c.do(ctx, func(s *conference) { s.roomStartMuted = [2]bool{audio, video} })
}

func notAllowed() *stanza.Error {
	return &stanza.Error{Type: stanza.Cancel, Condition: stanza.NotAllowed}
}

func internalError() *stanza.Error {
	return &stanza.Error{Type: stanza.Wait, Condition: stanza.InternalServerError}
}

func (c *conference) onMute(from string, m colibri.Mute) *stanza.Error {
	if m.JID == "" {
		return &stanza.Error{Type: stanza.Modify, Condition: stanza.BadRequest}
	}
	muter := c.byJID[from]
	if muter == nil {
		c.log.Warn("mute request from unknown occupant", "from", from)
		return internalError()
	}
	self := from == m.JID
	if !self && !muter.occ.IsModerator() {
		muter.log.Warn("mute not allowed for non-moderator", "target", m.JID)
		return notAllowed()
	}
	target := c.byJID[m.JID]
	if target == nil {
		return internalError()
	}
	if !m.Mute && (!self || !c.allowedToUnmute(target, m.Media)) {
		return notAllowed()
	}
	if target.occ.suppressForceMute() {
		return notAllowed()
	}
	target.log.Info("mute request", "by", from, "mute", m.Mute, "media", m.Media)
	target.mutedByFocus[videoForDesktop(m.Media)] = m.Mute
	c.applyForceMute(target)
	if !self {
		fwd := m.Forward(from)
		to := target.occ.JID
		target.out.push(func(ctx context.Context) {
			ctx, cancel := context.WithTimeout(ctx, c.p.IQTimeout)
			defer cancel()
			if err := c.p.Signaller.SendMute(ctx, to, fwd); err != nil {
				target.log.Warn("forwarding mute failed", "err", err)
			}
		})
	}
	return nil
}

// allowedToUnmute is jicofo's isMemberAllowedToUnmute without the
// moderation allow-list: allowed unless moderation is on for the media and
// the member is not a moderator. Desktop counts as video.
func (c *conference) allowedToUnmute(p *participant, media colibri.MuteMedia) bool {
	media = videoForDesktop(media)
	return !c.avModeration[media] || p.occ.IsModerator()
}

// videoForDesktop maps the desktop mute namespace onto video: the bridge
// force-mutes per media type.
func videoForDesktop(media colibri.MuteMedia) colibri.MuteMedia {
	if media == colibri.MuteDesktop {
		return colibri.MuteVideo
	}
	return media
}

// mustForceMute is the force-mute state jicofo keeps on the bridge for a
// participant: on after an accepted mute request until the participant's own
// accepted unmute (lib-jitsi-meet sends one when its user unmutes a track the
// focus muted), and on while av moderation forbids it to unmute.
func (c *conference) mustForceMute(p *participant, media colibri.MuteMedia) bool {
	if p.occ.suppressForceMute() {
		return false
	}
	return p.mutedByFocus[media] || !c.allowedToUnmute(p, media)
}

// applyForceMute sends force-mute to the bridge when the state changed.
func (c *conference) applyForceMute(p *participant) {
	audio, video := c.mustForceMute(p, colibri.MuteAudio), c.mustForceMute(p, colibri.MuteVideo)
	if audio == p.forceMute[colibri.MuteAudio] && video == p.forceMute[colibri.MuteVideo] {
		return
	}
	p.forceMute[colibri.MuteAudio], p.forceMute[colibri.MuteVideo] = audio, video
	if p.bridge != nil {
		c.update(p, ForceMuteEndpoint(p.occ.Nick, audio, video))
	}
}
