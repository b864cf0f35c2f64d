package muc

import (
	"crypto/rand"
	"fmt"
	"sync"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
)

// Occupant is one participant.
type Occupant struct {
	Nick     string
	Real     jid.JID
	Role     string
	Affil    string
	presence *xmpp.Element // last presence as the client sent it
	addr     string        // occupant JID room@service/nick
	real     string        // Real.String(), cached for fan-out
}

// RoomConfig is the owner-configurable state.
type RoomConfig struct {
	Name, Description string
	Whois             string // "moderators" or "anyone"
	Persistent        bool
	Public            bool
	MembersOnly       bool
	Moderated         bool
	Password          string
	ChangeSubject     bool
	AllowInvites      bool
}

// Room is one chat room.
type Room struct {
	svc       *Service
	jid       jid.JID
	mu        sync.Mutex
	occupants map[string]*Occupant // by nick
	byReal    map[string]string    // real full JID → nick
	affil     map[string]string    // bare JID → owner/admin/member/outcast
	cfg       RoomConfig
	meetingID string
	subject   string
	locked    bool
	hasFocus  bool
	held      []heldJoin
	destroyed bool
	fresh     bool
	hist      history
}

func newRoom(s *Service, j jid.JID) *Room {
	r := &Room{svc: s, jid: j, occupants: map[string]*Occupant{}, byReal: map[string]string{},
		affil: map[string]string{}, meetingID: uuid(), locked: s.cfg.Locking, fresh: true}
	r.cfg = RoomConfig{Whois: "moderators", Public: true, AllowInvites: true}
	r.hist = history{length: s.cfg.HistoryLength, defMsgs: defaultHistoryMessages}
	if s.cfg.PublicJIDs {
		r.cfg.Whois = "anyone"
	}
	return r
}

// MeetingID returns the room's muc#roominfo_meetingId.
func (r *Room) MeetingID() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.meetingID
}

// handle processes e; it returns false if the room was already destroyed.
func (r *Room) handle(e *xmpp.Element, to, from jid.JID, out *outbox) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.destroyed {
		return false
	}
	switch e.Local {
	case "presence":
		r.handlePresence(e, to, from, out)
	case "message":
		r.handleMessage(e, to, from, out)
	case "iq":
		if to.Resourcepart() != "" {
			r.forwardIQ(e, to, from, out)
		} else {
			r.handleRoomIQ(e, from, out)
		}
	}
	if len(r.occupants) == 0 && len(r.held) == 0 && !r.cfg.Persistent && !r.destroyed {
		r.destroyed = true
		r.svc.remove(r)
	}
	return true
}

// sender returns the occupant whose real JID sent the stanza, or nil.
func (r *Room) sender(from jid.JID) *Occupant {
	if n, ok := r.byReal[from.String()]; ok {
		return r.occupants[n]
	}
	return nil
}

func (r *Room) affiliation(j jid.JID) string {
	if r.svc.isAdmin(j) {
		return "owner"
	}
	if a := r.affil[j.Bare().String()]; a != "" {
		return a
	}
	return "none"
}

func roleFor(affil string, cfg RoomConfig) string {
	switch affil {
	case "owner", "admin":
		return "moderator"
	case "outcast":
		return "none"
	}
	if cfg.Moderated && affil != "member" {
		return "visitor"
	}
	return "participant"
}

func uuid() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
