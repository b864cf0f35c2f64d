package focus

import (
	"context"
	"errors"
	"fmt"

	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

// Stanza errors of Jingle replies, with the type Smack pairs each condition with.
func badRequest(text string) *jingle.Error {
	return &jingle.Error{Type: stanza.Modify, Condition: stanza.BadRequest, Text: text}
}

func stanzaErr(typ stanza.ErrorType, cond stanza.Condition, text string) *jingle.Error {
	return &jingle.Error{Type: typ, Condition: cond, Text: text}
}

// DecodeJingleRequest parses a Jingle IQ an occupant sent. Malformed XML and
// a payload without action get bad-request, as jicofo answers them; the
// returned error is the one to send back.
func DecodeJingleRequest(data []byte) (*jingle.IQ, *jingle.Error) {
	iq, err := jingle.DecodeIQ(data)
	if err != nil {
		return nil, badRequest(err.Error())
	}
	return iq, nil
}

// HandleJingle processes a Jingle IQ set from an occupant and returns the
// reply to send at once: iq.Result() or iq.ErrorReply(...). What follows
// (Colibri2 updates, source-add to the others) happens after the reply is
// handed back.
func (c *Conference) HandleJingle(ctx context.Context, iq *jingle.IQ) (*jingle.IQ, error) {
	jerr, err := call(ctx, c, func(s *conference) *jingle.Error { return s.onJingle(iq) })
	if err != nil {
		return nil, err
	}
	if jerr != nil {
		return iq.ErrorReply(*jerr), nil
	}
	return iq.Result(), nil
}

// onJingle dispatches a client's Jingle request (jicofo's JingleSession and
// Participant.JingleRequestHandlerImpl) and returns the error to reply with,
// or nil for a result.
func (c *conference) onJingle(iq *jingle.IQ) *jingle.Error {
	j := iq.Jingle
	if j == nil {
		return badRequest("no jingle payload")
	}
	if j.Action == "" {
		return badRequest("Missing 'action'")
	}
	p := c.byJID[iq.From.String()]
	if p == nil || p.sid == "" || j.SID != p.sid {
		c.log.Warn("no session found for SID", "sid", j.SID, "from", iq.From.String())
		return badRequest("unknown session " + j.SID)
	}
	c.p.Totals.jingleReceived(j.Action)
	if err := j.Validate(); err != nil && !errors.Is(err, jingle.ErrUnknownAction) {
		return badRequest(err.Error())
	}
	handler, ok := jingleHandlers[j.Action.Canonical()]
	if !ok {
		p.log.Warn("unsupported jingle action", "action", j.Action)
		return stanzaErr(stanza.Cancel, stanza.FeatureNotImplemented, "Unsupported 'action'")
	}
	return handler(c, p, j)
}

// jingleHandlers are the actions the focus accepts from clients.
var jingleHandlers = map[jingle.Action]func(*conference, *participant, *jingle.Jingle) *jingle.Error{
	jingle.ActionSessionAccept:    (*conference).onAccept,
	jingle.ActionTransportAccept:  (*conference).onAccept,
	jingle.ActionSessionInfo:      (*conference).onSessionInfo,
	jingle.ActionSessionTerminate: (*conference).onTerminate,
	jingle.ActionTransportInfo:    (*conference).onTransportInfo,
	jingle.ActionTransportReject:  func(*conference, *participant, *jingle.Jingle) *jingle.Error { return nil },
	jingle.ActionSourceAdd:        (*conference).onSourceAdd,
	jingle.ActionSourceRemove:     (*conference).onSourceRemove,
}

// onAccept stores the client's sources, sends its transport and sources to
// the bridge, propagates the sources to the others and flushes what was
// queued for this participant while its session was pending.
func (c *conference) onAccept(p *participant, j *jingle.Jingle) *jingle.Error {
	src, err := jingle.EndpointSourcesFromContents(p.occ.Nick, j.Contents)
	if err != nil {
		return badRequest(err.Error())
	}
	if !src.IsEmpty() && p.occ.IsVisitor() {
		return stanzaErr(stanza.Auth, stanza.Forbidden, "sources not allowed for visitors")
	}
	accepted := jingle.EndpointSources{Owner: p.occ.Nick}
	if !src.IsEmpty() {
		if accepted, err = c.sources.tryAdd(p.occ.Nick, src); err != nil {
			p.log.Warn("rejecting session-accept", "err", err)
			return badRequest(err.Error())
		}
	}
	p.state = stateActive
	p.log.Info("session accepted", "sources", len(accepted.SSRCs()))
	all := c.sources.get(p.occ.Nick)
	var lastN *jingle.InitialLastN
	if v := j.Content(jingle.ContentVideo); v != nil {
		lastN = v.InitialLastN
	}
	c.update(p, UpdateEndpoint(p.occ.Nick, p.occ.StatsID, j.Transport(), &all, lastN))
	c.propagateAdd(p, accepted)
	c.signalSources(p)
	return nil
}

func (c *conference) onSourceAdd(p *participant, j *jingle.Jingle) *jingle.Error {
	if p.occ.IsVisitor() {
		return stanzaErr(stanza.Auth, stanza.Forbidden, "add-source not allowed for visitors")
	}
	src, err := jingle.EndpointSourcesFromContents(p.occ.Nick, j.Contents)
	if err != nil {
		return badRequest(err.Error())
	}
	if src.IsEmpty() {
		return nil
	}
	if err := c.checkSenders(src); err != nil {
		p.log.Warn("rejecting source-add", "err", err)
		return stanzaErr(stanza.Wait, stanza.ResourceConstraint, err.Error())
	}
	accepted, err := c.sources.tryAdd(p.occ.Nick, src)
	if err != nil {
		p.log.Warn("rejecting source-add", "err", err)
		return badRequest(err.Error())
	}
	all := c.sources.get(p.occ.Nick)
	c.update(p, UpdateEndpoint(p.occ.Nick, p.occ.StatsID, nil, &all, nil))
	c.propagateAdd(p, accepted)
	return nil
}

// checkSenders applies max-audio-senders and max-video-senders to the
// occupants whose presence says they are unmuted.
func (c *conference) checkSenders(src jingle.EndpointSources) error {
	var audio, video int
	for _, q := range c.participants {
		if !q.occ.AudioMuted {
			audio++
		}
		if !q.occ.VideoMuted {
			video++
		}
	}
	cc := c.p.Config.Conference
	a := len(src.Audio) > 0 && audio >= cc.MaxAudioSenders
	v := len(src.Video) > 0 && video >= cc.MaxVideoSenders
	if a || v {
		return fmt.Errorf("%w: audio %v video %v", ErrSenderLimit, a, v)
	}
	return nil
}

func (c *conference) onSourceRemove(p *participant, j *jingle.Jingle) *jingle.Error {
	src, err := jingle.EndpointSourcesFromContents(p.occ.Nick, j.Contents)
	if err != nil {
		return badRequest(err.Error())
	}
	if src.IsEmpty() {
		return nil
	}
	removed, err := c.sources.tryRemove(p.occ.Nick, src)
	if err != nil {
		p.log.Warn("rejecting source-remove", "err", err)
		return badRequest(err.Error())
	}
	all := c.sources.get(p.occ.Nick)
	c.update(p, UpdateEndpoint(p.occ.Nick, p.occ.StatsID, nil, &all, nil))
	c.propagateRemove(p, removed)
	return nil
}

func (c *conference) onTransportInfo(p *participant, j *jingle.Jingle) *jingle.Error {
	t := j.Transport()
	if t == nil {
		return badRequest("missing transport")
	}
	c.update(p, UpdateEndpoint(p.occ.Nick, p.occ.StatsID, t, nil, nil))
	return nil
}

// onSessionInfo counts ICE failures; in-place ICE restart is not offered.
func (c *conference) onSessionInfo(p *participant, j *jingle.Jingle) *jingle.Error {
	if j.BridgeSession != nil && j.BridgeSession.IsICERestart() {
		return stanzaErr(stanza.Cancel, stanza.FeatureNotImplemented, "in-place ICE restart is disabled")
	}
	if j.ICEState != nil && j.ICEState.State == jingle.ICEStateFailed {
		c.p.Totals.iceFailed.Add(1)
		p.log.Warn("client reports ICE failure")
	}
	return nil
}

// onTerminate ends the session; with restart="true" (within the rate limit)
// the participant gets a new allocation and session-initiate.
func (c *conference) onTerminate(p *participant, j *jingle.Jingle) *jingle.Error {
	var id string
	restart := false
	if j.BridgeSession != nil {
		id, restart = j.BridgeSession.ID, j.BridgeSession.IsRestart()
	}
	if restart {
		c.p.Totals.restartRequested.Add(1)
	}
	current := ""
	if p.bridge != nil {
		current = p.bridge.id
	}
	if id != current {
		return stanzaErr(stanza.Cancel, stanza.ItemNotFound, id+" is not a currently active session")
	}
	reinvite := restart && p.restarts.accept(c.p.Clock.Now())
	p.log.Info("session-terminate received", "restart", restart, "reinvite", reinvite)
	c.endSession(p, true)
	if reinvite {
		c.invite(p)
	}
	if restart && !reinvite {
		return stanzaErr(stanza.Wait, stanza.ResourceConstraint, "rate-limited")
	}
	return nil
}
