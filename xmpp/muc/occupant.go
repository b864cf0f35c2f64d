package muc

import (
	"mellium.im/xmpp/jid"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// Options say how to join a room.
type Options struct {
	// Nick is our nickname: the resource of our occupant JID.
	Nick string
	// Password is the room password, optional.
	Password string
	// Extensions are children of the join presence (e.g. <stats/>); they are
	// copied, and re-sent by SetPresence until replaced.
	Extensions []*xmpp.Element
	// Configure is submitted as the owner form when the join created the
	// room (status 201) or when ConfigureAlways is set; e.g.
	// {"muc#roomconfig_whois": {"anyone"}}. Nil: accept the default
	// (instant room).
	Configure       map[string][]string
	ConfigureAlways bool
	// OnEvent receives occupant joins, presence updates and leaves (never
	// for ourselves), in order, on the client's reader goroutine; it must
	// not block.
	OnEvent func(Event)
	// OnMessage, if set, receives the room's groupchat and error messages
	// and messages from the bare room JID, on the reader goroutine.
	OnMessage func(*xmpp.Element)
}

// EventKind says what happened to an occupant.
type EventKind int

// Occupant event kinds.
const (
	OccupantJoined EventKind = iota + 1
	OccupantUpdated
	OccupantLeft
)

// String returns the kind's name.
func (k EventKind) String() string {
	switch k {
	case OccupantJoined:
		return "joined"
	case OccupantUpdated:
		return "updated"
	case OccupantLeft:
		return "left"
	}
	return "unknown"
}

// Occupant is one participant of a room as its last presence shows it.
type Occupant struct {
	Nick        string        // resource of the occupant JID
	OccupantJID string        // room@service/nick
	RealJID     string        // from <item jid>, if the room is non-anonymous for us
	Role        string        // moderator, participant, visitor, none
	Affiliation string        // owner, admin, member, none, outcast
	Presence    *xmpp.Element // the whole last presence stanza (extensions intact)
}

// Event is an occupant join, presence update or leave.
type Event struct {
	Kind     EventKind
	Occupant Occupant
	// Kicked / Destroyed say why a leave happened (status 307 / <destroy/>).
	Kicked, Destroyed bool
}

// mucStatus is what the muc#user <x/> of a presence says.
type mucStatus struct {
	codes     map[string]bool
	destroyed bool
}

// parseOccupant reads an occupant presence; ok is false when the from
// address is not an occupant JID.
func parseOccupant(e *xmpp.Element) (Occupant, mucStatus, bool) {
	from, err := e.From()
	if err != nil || from.Resourcepart() == "" {
		return Occupant{}, mucStatus{}, false
	}
	o := Occupant{Nick: from.Resourcepart(), OccupantJID: from.String(), Presence: e}
	st := mucStatus{codes: map[string]bool{}}
	x := e.Child(xmpp.NSMUCUser, "x")
	if x == nil {
		return o, st, true
	}
	for _, c := range x.Children() {
		switch c.Local {
		case "status":
			st.codes[c.Get("code")] = true
		case "destroy":
			st.destroyed = true
		case "item":
			o.Role, o.Affiliation = c.Get("role"), c.Get("affiliation")
			o.RealJID = realJID(c.Get("jid"))
		}
	}
	return o, st, true
}

// realJID normalises the item jid attribute; an unparsable one is dropped.
func realJID(s string) string {
	if s == "" {
		return ""
	}
	j, err := jid.Parse(s)
	if err != nil {
		return ""
	}
	return j.String()
}
