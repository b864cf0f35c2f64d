// Package muc is xmppd's XEP-0045 multi-user chat service with the Jitsi
// behaviours the focus and clients rely on: presence extensions passed
// through untouched, IQs routed to occupant JIDs and back, the owner config
// form with muc#roomconfig_whois, muc#roominfo_meetingId in room info and
// config (mod_muc_meeting_id), joins held until the occupant "focus" is in,
// restricted room creation, service admins as owners and room history
// (prosody's muc history.lib: the last N historic groupchat messages sent
// to a joiner after the presences and before the subject).
//
// Each room has its own lock. Handlers never route while holding it: they
// collect outgoing stanzas in an outbox that the service builds and routes
// afterwards, so a bounce that comes back to the room cannot deadlock.
package muc

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// Router is what the service needs from xmppd's router.
type Router interface {
	Route(e *xmpp.Element)
}

// Config configures one MUC host.
type Config struct {
	Name              string
	Admins            []string
	RestrictCreation  bool
	Locking           bool
	PublicJIDs        bool
	MeetingID         bool
	AuthenticatedOnly bool
	// HistoryLength is a new room's muc#roomconfig_historylength
	// (prosody's muc_room_default_history_length); 0 keeps no history.
	HistoryLength int
	// MaxHistory caps every room's history length (prosody's
	// max_history_messages); 0 keeps no history.
	MaxHistory int
	// IsAnonymousHost reports whether a user domain is an anonymous host.
	IsAnonymousHost func(domain string) bool
	// Now is the clock for history stamps; nil means time.Now.
	Now func() time.Time
}

// Service is one MUC host; it implements router.Sink.
type Service struct {
	cfg    Config
	r      Router
	log    *slog.Logger
	admins map[string]bool
	mu     sync.Mutex
	rooms  map[string]*Room
	// Rooms counts live rooms; Occupants counts joined occupants.
	Rooms, Occupants atomic.Int64
}

// New returns a service for cfg that sends through r.
func New(cfg Config, r Router, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.MaxHistory = max(cfg.MaxHistory, 0)
	cfg.HistoryLength = min(max(cfg.HistoryLength, 0), cfg.MaxHistory)
	s := &Service{cfg: cfg, r: r, log: log.With("muc", cfg.Name), admins: map[string]bool{}, rooms: map[string]*Room{}}
	for _, a := range cfg.Admins {
		s.admins[a] = true
	}
	return s
}

// Name returns the service domain.
func (s *Service) Name() string { return s.cfg.Name }

// Deliver handles one stanza addressed to the service or one of its rooms.
func (s *Service) Deliver(e *xmpp.Element) bool {
	var out outbox
	s.handle(e, &out)
	for i := range out {
		e := out[i].stanza()
		out[i] = outItem{} // its stanza is built; drop what it referenced
		s.r.Route(e)
	}
	return true
}

func (s *Service) handle(e *xmpp.Element, out *outbox) {
	to, err1 := e.To()
	from, err2 := e.From()
	if err1 != nil || err2 != nil || from.Equal(jid.JID{}) {
		out.errorReply(e, stanza.Modify, stanza.JIDMalformed)
		return
	}
	if to.Localpart() == "" {
		s.handleService(e, out)
		return
	}
	if room := s.room(to.Bare()); room == nil || !room.handle(e, to, from, out) {
		s.noRoom(e, to, from, out)
	}
}

func (s *Service) room(bare jid.JID) *Room {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rooms[bare.String()]
}

// noRoom handles stanzas for rooms that do not exist: a join creates it.
func (s *Service) noRoom(e *xmpp.Element, to, from jid.JID, out *outbox) {
	if e.Local != "presence" || e.Get("type") != "" || to.Resourcepart() == "" {
		out.errorReply(e, stanza.Cancel, stanza.ItemNotFound)
		return
	}
	if s.cfg.RestrictCreation && !s.isAdmin(from) {
		out.errorReply(e, stanza.Cancel, stanza.NotAllowed)
		return
	}
	s.mu.Lock()
	room := s.rooms[to.Bare().String()]
	if room == nil {
		room = newRoom(s, to.Bare())
		s.rooms[to.Bare().String()] = room
		s.Rooms.Add(1)
		s.log.Info("room created", "room", to.Bare().String(), "by", from.String())
	}
	s.mu.Unlock()
	if !room.handle(e, to, from, out) {
		out.errorReply(e, stanza.Wait, stanza.ResourceConstraint)
	}
}

// remove drops an empty or destroyed room.
func (s *Service) remove(r *Room) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rooms[r.jid.String()] == r {
		delete(s.rooms, r.jid.String())
		s.Rooms.Add(-1)
	}
}

func (s *Service) isAdmin(j jid.JID) bool { return s.admins[j.Bare().String()] }
