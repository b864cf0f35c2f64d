package xmppapi

import (
	"context"
	"errors"
	"fmt"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/focus"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// sender is the part of *xmpp.Client the signaller uses.
type sender interface {
	iqSender
	NewID() string
}

// signaller sends the focus core's Jingle, mute and Colibri2 IQs over the
// client session: Jingle and mute to occupant JIDs, Colibri2 to a bridge's
// brewery occupant JID (both routed through the MUC).
type signaller struct{ c sender }

var (
	_ focus.Signaller    = signaller{}
	_ focus.BridgeClient = signaller{}
)

// iqHeader returns the header of a set to the JID to. The to attribute is
// written verbatim afterwards (addressed), not in its normalised form: the
// client matches the reply by the exact JID the reply comes from.
func iqHeader(id, to string) (stanza.IQ, error) {
	if _, err := jid.Parse(to); err != nil {
		return stanza.IQ{}, fmt.Errorf("xmppapi: to %q: %w", to, err)
	}
	return stanza.IQ{XMLName: iqName, ID: id, Type: stanza.SetIQ}, nil
}

// addressed converts an IQ value to an element sent to to.
func addressed(v any, to string) (*xmpp.Element, error) {
	e, err := toElement(v)
	if err != nil {
		return nil, err
	}
	return e.SetAttr("to", to), nil
}

// SendJingle sends a Jingle set and returns nil, the reply's jingle.Error,
// or the context's error.
func (s signaller) SendJingle(ctx context.Context, to string, j *jingle.Jingle) error {
	h, err := iqHeader(s.c.NewID(), to)
	if err != nil {
		return err
	}
	e, err := addressed(jingle.NewSetIQ(h, j), to)
	if err != nil {
		return err
	}
	reply, err := s.c.SendIQ(ctx, e)
	if reply == nil || err == nil {
		return err
	}
	r, derr := jingle.DecodeIQ(stanzaBytes(reply))
	if derr != nil {
		return err
	}
	return r.Err()
}

// SendMute sends the forwarded mute IQ to the occupant.
func (s signaller) SendMute(ctx context.Context, to string, m *colibri.Mute) error {
	h, err := iqHeader(s.c.NewID(), to)
	if err != nil {
		return err
	}
	e, err := addressed(colibri.NewIQ(stanza.SetIQ, h.ID, m), to)
	if err != nil {
		return err
	}
	_, err = s.c.SendIQ(ctx, e)
	return err
}

// ConferenceModify sends a Colibri2 request to the bridge and returns the
// conference-modified payload, a *colibri.Error for an error reply, or the
// context's error.
func (s signaller) ConferenceModify(ctx context.Context, bridge string, req *colibri.ConferenceModify) (*colibri.ConferenceModified, error) {
	h, err := iqHeader(s.c.NewID(), bridge)
	if err != nil {
		return nil, err
	}
	e, err := addressed(colibri.NewConferenceModifyIQ(h.ID, req), bridge)
	if err != nil {
		return nil, err
	}
	reply, err := s.c.SendIQ(ctx, e)
	if reply == nil {
		return nil, err
	}
	if reply.Get("type") == "error" {
		reply = errorOnly(reply) // a bridge may echo the request before <error/>
	}
	r, derr := colibri.DecodeIQ[colibri.ConferenceModified](stanzaBytes(reply))
	if derr != nil {
		return nil, errors.Join(err, fmt.Errorf("xmppapi: colibri2 reply from %s: %w", bridge, derr))
	}
	if rerr := r.Err(); rerr != nil {
		return nil, rerr
	}
	if r.Payload == nil {
		return &colibri.ConferenceModified{}, nil
	}
	return r.Payload, nil
}

// errorOnly returns a copy of an error reply keeping only its <error/>.
func errorOnly(reply *xmpp.Element) *xmpp.Element {
	c := reply.ShallowCopy()
	c.Nodes = nil
	if e := reply.Child("", "error"); e != nil {
		c.Add(e)
	}
	return c
}

// healthCheck sends one healthcheck IQ to a bridge (brewery.CheckFunc).
func (s signaller) healthCheck(ctx context.Context, bridge string) error {
	h, err := iqHeader(s.c.NewID(), bridge)
	if err != nil {
		return err
	}
	e, err := addressed(colibri.NewHealthCheckIQ(h.ID), bridge)
	if err != nil {
		return err
	}
	_, err = s.c.SendIQ(ctx, e)
	return err
}
