package muc

import (
	"context"
	"fmt"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// Info fetches the room's disco#info and returns the muc#roominfo form
// fields (e.g. "muc#roominfo_meetingId"), without FORM_TYPE.
func (r *Room) Info(ctx context.Context) (map[string][]string, error) {
	reply, err := r.c.SendIQ(ctx, xmpp.NewIQ("get", "", "", r.jid, xmpp.NewElement(xmpp.NSDiscoInfo, "query")))
	if err != nil {
		return nil, fmt.Errorf("muc: disco#info %s: %w", r.jid, err)
	}
	out := map[string][]string{}
	q := reply.Child(xmpp.NSDiscoInfo, "query")
	if q == nil {
		return nil, fmt.Errorf("%w: disco#info of %s has no query", ErrBadReply, r.jid)
	}
	x := findForm(q, "http://jabber.org/protocol/muc#roominfo")
	if x == nil {
		return out, nil
	}
	for _, f := range parseForm(x) {
		if f.Var != "FORM_TYPE" {
			out[f.Var] = f.Values
		}
	}
	return out, nil
}

// Configure fetches the owner form and submits these fields (others keep
// their values). Nil fields submit the form unchanged (accepting the
// defaults, which unlocks a newly created room).
func (r *Room) Configure(ctx context.Context, fields map[string][]string) error {
	reply, err := r.c.SendIQ(ctx, xmpp.NewIQ("get", "", "", r.jid, xmpp.NewElement(xmpp.NSMUCOwner, "query")))
	if err != nil {
		return fmt.Errorf("muc: get owner form of %s: %w", r.jid, err)
	}
	q := reply.Child(xmpp.NSMUCOwner, "query")
	if q == nil {
		return fmt.Errorf("%w: owner form of %s missing", ErrBadReply, r.jid)
	}
	x := findForm(q, "")
	if x == nil {
		return fmt.Errorf("%w: owner form of %s missing", ErrBadReply, r.jid)
	}
	submit := xmpp.NewElement(xmpp.NSMUCOwner, "query").Add(submitForm(parseForm(x), fields))
	if _, err := r.c.SendIQ(ctx, xmpp.NewIQ("set", "", "", r.jid, submit)); err != nil {
		return fmt.Errorf("muc: configure %s: %w", r.jid, err)
	}
	return nil
}

// SetAffiliation sets a bare JID's affiliation (owner, admin, member,
// none, outcast).
func (r *Room) SetAffiliation(ctx context.Context, bareJID, affiliation string) error {
	item := xmpp.NewElement(xmpp.NSMUCAdmin, "item", "jid", bareJID, "affiliation", affiliation)
	q := xmpp.NewElement(xmpp.NSMUCAdmin, "query").Add(item)
	if _, err := r.c.SendIQ(ctx, xmpp.NewIQ("set", "", "", r.jid, q)); err != nil {
		return fmt.Errorf("muc: set %s %s in %s: %w", bareJID, affiliation, r.jid, err)
	}
	return nil
}
