package bridge

import (
	"errors"

	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/sfu"
)

// endpointUpdate is a request's endpoint element converted and checked
// before anything is applied.
type endpointUpdate struct {
	remote    *sfu.RemoteTransport
	sources   []sfu.Source
	setSrcs   bool
	forceMute *colibri.ForceMute
	lastN     *int
}

// handleEndpointLocked creates, updates or expires one endpoint and
// returns its element for the conference-modified answer.
func (b *Bridge) handleEndpointLocked(c *conference, e *colibri.Endpoint, ignoreUnknown bool) (colibri.Endpoint, *endpoint, *colibri.Error) {
	resp := colibri.Endpoint{ID: e.ID}
	if e.Expire {
		if ep := c.eps[e.ID]; ep != nil {
			b.expireEndpointLocked(ep, "expired by colibri2")
		}
		resp.Expire = true
		return resp, nil, nil
	}
	u, cerr := convertEndpoint(e)
	if cerr != nil {
		return resp, nil, cerr
	}
	var ep *endpoint
	if e.Create {
		ep, cerr = b.createEndpointLocked(c, e)
		if cerr != nil {
			return resp, nil, cerr
		}
	} else if ep = c.eps[e.ID]; ep == nil {
		if ignoreUnknown {
			return resp, nil, nil
		}
		return resp, nil, colibri.NewUnknownEndpointError(e.ID, "Endpoint not found for ID: "+e.ID)
	}
	if cerr := b.applyUpdate(ep, e, u); cerr != nil {
		if e.Create {
			b.expireEndpointLocked(ep, "create failed")
		}
		return resp, nil, cerr
	}
	if e.Create {
		resp.Transport = b.transportAnswer(c, ep)
	}
	return resp, ep, nil
}

// convertEndpoint checks and converts the parts of e that can be invalid.
func convertEndpoint(e *colibri.Endpoint) (endpointUpdate, *colibri.Error) {
	var u endpointUpdate
	if e.Transport != nil && e.Transport.ICEUDP != nil && e.Transport.ICEUDP.Ufrag != "" {
		r, err := remoteFromColibri(e.Transport.ICEUDP)
		if err != nil {
			return u, badRequest("endpoint %s: %v", e.ID, err)
		}
		u.remote = &r
	}
	if e.Sources != nil {
		if e.MUCRole == colibri.RoleVisitor && len(e.Sources.MediaSources) > 0 {
			return u, badRequest("Attempt to set sources for visitor endpoint %s", e.ID)
		}
		srcs, err := sourcesFromColibri(e.Sources)
		if err != nil {
			return u, badRequest("endpoint %s: %v", e.ID, err)
		}
		u.sources, u.setSrcs = srcs, true
	}
	if e.InitialLastN != nil {
		n := e.InitialLastN.Value
		u.lastN = &n
	}
	u.forceMute = e.ForceMute
	return u, nil
}

// createEndpointLocked checks jvb's preconditions and adds the endpoint.
func (b *Bridge) createEndpointLocked(c *conference, e *colibri.Endpoint) (*endpoint, *colibri.Error) {
	if c.eps[e.ID] != nil {
		return nil, colibri.NewStanzaError(stanza.Cancel, stanza.Conflict, "Endpoint with ID "+e.ID+" already exists")
	}
	if e.Transport == nil {
		return nil, badRequest("Attempt to create endpoint %s with no <transport>", e.ID)
	}
	if !e.HasCapability(colibri.CapSourceNames) {
		return nil, badRequest("Source name support is mandatory.")
	}
	if s := e.Transport.SCTP; s != nil {
		// No SCTP stack: answered as jvb answers with sctp.enabled=false.
		if s.Port != 0 && s.Port != colibri.SCTPPort {
			return nil, badRequest("Specific SCTP port requested, not supported.")
		}
		return nil, colibri.NewStanzaError(stanza.Cancel, stanza.FeatureNotImplemented, "SCTP support is not configured")
	}
	visitor := e.MUCRole == colibri.RoleVisitor
	sep, err := c.sc.AddEndpoint(e.ID, endpointOptions(e, visitor))
	if errors.Is(err, sfu.ErrEndpointExists) {
		return nil, colibri.NewStanzaError(stanza.Cancel, stanza.Conflict, "Endpoint with ID "+e.ID+" already exists")
	}
	if err != nil {
		return nil, colibri.NewStanzaError(stanza.Wait, stanza.InternalServerError, err.Error())
	}
	ep := b.newEndpoint(c, e.ID, e.StatsID, sep, visitor)
	if e.InitialLastN != nil {
		ep.rvc.lastN = e.InitialLastN.Value
	}
	c.eps[e.ID] = ep
	b.totals.participants.Add(1)
	if visitor {
		b.totals.visitors.Add(1)
	}
	ep.log.Info("endpoint created", "stats_id", e.StatsID, "visitor", visitor)
	b.notify()
	return ep, nil
}

// applyUpdate applies the converted parts; media on updates are ignored
// (the SFU fixes codecs at creation).
func (b *Bridge) applyUpdate(ep *endpoint, e *colibri.Endpoint, u endpointUpdate) *colibri.Error {
	if u.setSrcs {
		if err := ep.sep.SetSources(u.sources); err != nil {
			return badRequest("endpoint %s: %v", e.ID, err)
		}
	}
	if u.remote != nil {
		if err := ep.sep.SetRemote(*u.remote); err != nil {
			return badRequest("endpoint %s: %v", e.ID, err)
		}
	}
	if !e.Create {
		if u.lastN != nil {
			ep.setInitialLastN(*u.lastN)
		}
		if u.forceMute != nil {
			ep.sep.ForceMute(u.forceMute.Audio, u.forceMute.Video)
		}
	}
	if e.StatsID != "" {
		ep.statsID = e.StatsID
	}
	return nil
}
