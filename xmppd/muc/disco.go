package muc

import (
	"sort"
	"strconv"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stanza"
)

// handleService answers IQs to the MUC host itself.
func (s *Service) handleService(e *xmpp.Element, out *outbox) {
	if e.Local != "iq" || (e.Get("type") != "get" && e.Get("type") != "set") {
		return
	}
	p := e.FirstChild()
	switch {
	case p == nil:
		out.errorReply(e, stanza.Modify, stanza.BadRequest)
	case p.Is(xmpp.NSDiscoInfo, "query"):
		q := xmpp.NewElement(xmpp.NSDiscoInfo, "query").Add(
			xmpp.NewElement(xmpp.NSDiscoInfo, "identity", "category", "conference", "type", "text", "name", "Chatrooms"),
			feature(xmpp.NSDiscoInfo), feature(xmpp.NSDiscoItem), feature(xmpp.NSMUC), feature(xmpp.NSPing))
		out.add(xmpp.Result(e, q))
	case p.Is(xmpp.NSDiscoItem, "query"):
		out.add(xmpp.Result(e, s.publicRooms()))
	case p.Is(xmpp.NSPing, "ping"):
		out.add(xmpp.Result(e, nil))
	default:
		out.errorReply(e, stanza.Cancel, stanza.ServiceUnavailable)
	}
}

func (s *Service) publicRooms() *xmpp.Element {
	s.mu.Lock()
	rooms := make([]*Room, 0, len(s.rooms))
	for _, r := range s.rooms {
		rooms = append(rooms, r)
	}
	s.mu.Unlock()
	sort.Slice(rooms, func(i, j int) bool { return rooms[i].jid.String() < rooms[j].jid.String() })
	q := xmpp.NewElement(xmpp.NSDiscoItem, "query")
	for _, r := range rooms {
		r.mu.Lock()
		if r.cfg.Public && !r.locked {
			q.Add(xmpp.NewElement(xmpp.NSDiscoItem, "item", "jid", r.jid.String(), "name", r.jid.Localpart()))
		}
		r.mu.Unlock()
	}
	return q
}

func feature(v string) *xmpp.Element { return xmpp.NewElement(xmpp.NSDiscoInfo, "feature", "var", v) }

// roomInfo answers disco#info on the room, with the muc#roominfo form that
// carries muc#roominfo_meetingId.
func (r *Room) roomInfo(e *xmpp.Element) *xmpp.Element {
	q := xmpp.NewElement(xmpp.NSDiscoInfo, "query").Add(
		xmpp.NewElement(xmpp.NSDiscoInfo, "identity", "category", "conference", "type", "text", "name", r.displayName()),
		feature(xmpp.NSMUC), feature(xmpp.NSDiscoInfo), feature(xmpp.NSDiscoItem))
	for _, f := range r.featureVars() {
		q.Add(feature(f))
	}
	form := newForm("result", "http://jabber.org/protocol/muc#roominfo")
	form.Add(field("muc#roominfo_description", "text-single", r.cfg.Description))
	form.Add(field("muc#roominfo_occupants", "text-single", strconv.Itoa(len(r.occupants))))
	form.Add(field("muc#roominfo_subject", "text-single", r.subject))
	if r.svc.cfg.MeetingID {
		form.Add(field("muc#roominfo_meetingId", "text-single", r.meetingID))
	}
	q.Add(form)
	return xmpp.Result(e, q)
}

func (r *Room) displayName() string {
	if r.cfg.Name != "" {
		return r.cfg.Name
	}
	return r.jid.Localpart()
}

func (r *Room) featureVars() []string {
	pick := func(b bool, yes, no string) string {
		if b {
			return yes
		}
		return no
	}
	return []string{
		pick(r.cfg.Whois == "anyone", "muc_nonanonymous", "muc_semianonymous"),
		pick(r.cfg.Persistent, "muc_persistent", "muc_temporary"),
		pick(r.cfg.Public, "muc_public", "muc_hidden"),
		pick(r.cfg.MembersOnly, "muc_membersonly", "muc_open"),
		pick(r.cfg.Moderated, "muc_moderated", "muc_unmoderated"),
		pick(r.cfg.Password != "", "muc_passwordprotected", "muc_unsecured"),
	}
}
