package bridge

import (
	"context"
	"fmt"
	"strings"

	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/colibri"
)

// HandleColibri2 answers one conference-modify IQ received from the full
// JID from: a conference-modified result, or an error IQ with the
// condition and jitsi:colibri2 reason jvb gives (jvb Videobridge.java,
// Colibri2ConferenceHandler.kt). A request that fails leaves nothing
// applied that it created.
func (b *Bridge) HandleColibri2(ctx context.Context, from string, req colibri.ConferenceModifyIQ) colibri.ConferenceModifiedIQ {
	if !b.trusted(from) {
		b.log.Warn("colibri2 request from an untrusted sender", "from", from)
		return colibri.ModifyError(req, colibri.NewStanzaError(stanza.Cancel, stanza.Forbidden, "not a trusted focus"))
	}
	if err := ctx.Err(); err != nil {
		return colibri.ModifyError(req, colibri.NewStanzaError(stanza.Wait, stanza.InternalServerError, err.Error()))
	}
	resp, cerr := b.modify(req.Payload)
	if cerr != nil {
		return colibri.ModifyError(req, cerr)
	}
	return colibri.ModifiedResult(req, resp)
}

// trusted reports whether from may send Colibri2 requests: it equals a
// trusted JID, or its bare JID does.
func (b *Bridge) trusted(from string) bool {
	if len(b.cfg.TrustedJIDs) == 0 {
		return true
	}
	bare, _, _ := strings.Cut(from, "/")
	for _, t := range b.cfg.TrustedJIDs {
		if strings.EqualFold(t, from) || strings.EqualFold(t, bare) {
			return true
		}
	}
	return false
}

func badRequest(format string, args ...any) *colibri.Error {
	return colibri.NewStanzaError(stanza.Modify, stanza.BadRequest, fmt.Sprintf(format, args...))
}

// modify applies a conference-modify under the bridge lock.
func (b *Bridge) modify(m *colibri.ConferenceModify) (*colibri.ConferenceModified, *colibri.Error) {
	if m == nil {
		return nil, badRequest("no conference-modify")
	}
	if err := m.Validate(); err != nil {
		return nil, badRequest("%v", err)
	}
	if cerr := checkShape(m, b.cfg.RelayEnabled); cerr != nil {
		return nil, cerr
	}
	if m.Name != "" && !isRoomJID(m.Name) {
		return nil, badRequest("Invalid conference name (not a JID)")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	c, created, cerr := b.getOrCreateLocked(m)
	if cerr != nil {
		return nil, cerr
	}
	resp, cerr := b.applyLocked(c, m)
	if cerr != nil {
		if created {
			b.expireConferenceLocked(c, "creating request failed")
		}
		return nil, cerr
	}
	if m.Expire || (!m.Create && len(c.eps) == 0) {
		b.expireConferenceLocked(c, "expired by colibri2")
	}
	return resp, nil
}

// applyLocked handles the endpoints of a request, rolling back the
// endpoints it created when one fails.
func (b *Bridge) applyLocked(c *conference, m *colibri.ConferenceModify) (*colibri.ConferenceModified, *colibri.Error) {
	ignoreUnknown := ignoreUnknownEndpoints(m)
	resp := &colibri.ConferenceModified{}
	var created []*endpoint
	anyCreate := false
	for i := range m.Endpoints {
		e := &m.Endpoints[i]
		r, ep, cerr := b.handleEndpointLocked(c, e, ignoreUnknown)
		if cerr != nil {
			for _, x := range created {
				b.expireEndpointLocked(x, "request failed")
			}
			return nil, cerr
		}
		if e.Create {
			created = append(created, ep)
			anyCreate = true
		}
		resp.Endpoints = append(resp.Endpoints, r)
	}
	if m.Create || anyCreate {
		a, v := c.sc.FeedbackSSRCs()
		resp.Sources = colibri.FeedbackSources(a, v)
	}
	return resp, nil
}

// getOrCreateLocked finds the conference of the meeting-id or creates it.
func (b *Bridge) getOrCreateLocked(m *colibri.ConferenceModify) (*conference, bool, *colibri.Error) {
	c := b.byMeeting[m.MeetingID]
	if !m.Create {
		if c == nil {
			return nil, false, colibri.NewError(colibri.ReasonConferenceNotFound, "Conference not found for ID: "+m.MeetingID)
		}
		return c, false, nil
	}
	if c != nil {
		return nil, false, colibri.NewError(colibri.ReasonConferenceAlreadyExists, "Conference already exists for ID: "+m.MeetingID)
	}
	if b.graceful.Load() || b.shuttingDown.Load() {
		return nil, false, colibri.NewError(colibri.ReasonGracefulShutdown, "In graceful shutdown")
	}
	c, err := b.createConferenceLocked(m.MeetingID, m.Name)
	if err != nil {
		return nil, false, colibri.NewStanzaError(stanza.Wait, stanza.InternalServerError, err.Error())
	}
	return c, true, nil
}

// checkShape applies jvb's restrictions on what one request may carry.
func checkShape(m *colibri.ConferenceModify, relays bool) *colibri.Error {
	if len(m.Endpoints) > 0 && len(m.Relays) > 0 {
		return colibri.NewError(colibri.ReasonFeatureNotImplemented, "Using both 'relay' and 'endpoint' in a request")
	}
	if len(m.Endpoints) > 1 {
		for i := range m.Endpoints {
			if touchesMedia(&m.Endpoints[i]) {
				return colibri.NewError(colibri.ReasonFeatureNotImplemented,
					"Creating or updating media, sources or transport for more than one endpoint in a request.")
			}
		}
	}
	if len(m.Relays) > 1 {
		return colibri.NewError(colibri.ReasonFeatureNotImplemented, "Updating more than one 'relay' in a request.")
	}
	if len(m.Relays) > 0 {
		if !relays {
			return colibri.NewStanzaError(stanza.Cancel, stanza.FeatureNotImplemented, "Octo is disabled in configuration.")
		}
		return colibri.NewStanzaError(stanza.Cancel, stanza.FeatureNotImplemented, "Relays are not implemented by this bridge.")
	}
	return nil
}

func touchesMedia(e *colibri.Endpoint) bool {
	return e.Create || len(e.Media) > 0 || e.Transport != nil || e.Sources != nil
}

// ignoreUnknownEndpoints: requests that only expire or force-mute do not
// fail on endpoints that are already gone.
func ignoreUnknownEndpoints(m *colibri.ConferenceModify) bool {
	for i := range m.Endpoints {
		if touchesMedia(&m.Endpoints[i]) {
			return false
		}
	}
	for _, r := range m.Relays {
		if !r.Expire {
			return false
		}
	}
	return true
}

// isRoomJID reports whether name is an entity bare JID (room@service).
func isRoomJID(name string) bool {
	j, err := jid.Parse(name)
	return err == nil && j.Localpart() != "" && j.Resourcepart() == ""
}
