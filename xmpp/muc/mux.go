package muc

import (
	"context"
	"fmt"
	"sync"

	"mellium.im/xmpp/jid"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// Mux routes incoming presence (and groupchat/error stanzas) for joined
// rooms. Create it before dialing and pass Mux.Handle as
// xmpp.Config.OnStanza, or call Mux.Handle from your own OnStanza for
// stanzas you do not consume yourself. One Mux may serve several clients.
type Mux struct {
	mu       sync.Mutex
	rooms    map[string][]*Room // bare room JID → rooms joined (one per client)
	fallback func(*xmpp.Element)
}

// NewMux returns an empty Mux.
func NewMux() *Mux { return &Mux{rooms: map[string][]*Room{}} }

// SetFallback sets f to receive every stanza Handle did not consume.
func (m *Mux) SetFallback(f func(*xmpp.Element)) {
	m.mu.Lock()
	m.fallback = f
	m.mu.Unlock()
}

// Handle consumes stanzas from rooms joined through this Mux and reports
// whether it did; other stanzas are passed to the fallback, if set.
func (m *Mux) Handle(e *xmpp.Element) bool {
	if r := m.route(e); r != nil {
		r.handle(e)
		return true
	}
	m.mu.Lock()
	f := m.fallback
	m.mu.Unlock()
	if f != nil {
		f(e)
	}
	return false
}

// route finds the room a presence or room message belongs to.
func (m *Mux) route(e *xmpp.Element) *Room {
	if e.Local != "presence" && e.Local != "message" {
		return nil
	}
	from, err := e.From()
	if err != nil || from.Localpart() == "" {
		return nil
	}
	if e.Local == "message" && !roomMessage(e, from) {
		return nil
	}
	to := e.Get("to")
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.rooms[from.Bare().String()] {
		if to == "" || r.me == to {
			return r
		}
	}
	return nil
}

// roomMessage reports whether a message is the room's own traffic:
// groupchat, errors, and messages from the bare room JID (status changes,
// subject). Private messages from occupants are left to the caller.
func roomMessage(e *xmpp.Element, from jid.JID) bool {
	t := e.Get("type")
	return t == "groupchat" || t == "error" || from.Resourcepart() == ""
}

func (m *Mux) add(r *Room) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, o := range m.rooms[r.jid] {
		if o.me == r.me {
			return fmt.Errorf("%w: %s", ErrAlreadyJoined, r.jid)
		}
	}
	m.rooms[r.jid] = append(m.rooms[r.jid], r)
	return nil
}

func (m *Mux) remove(r *Room) {
	m.mu.Lock()
	defer m.mu.Unlock()
	list := m.rooms[r.jid]
	for i, o := range list {
		if o == r {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(m.rooms, r.jid)
	} else {
		m.rooms[r.jid] = list
	}
}

// Join enters room (a bare room JID) and waits for our own presence
// (status 110) or the error presence; the initial occupants are reported
// through OnEvent (OccupantJoined) before Join returns. When the join
// created the room (status 201), or with ConfigureAlways, the owner form is
// submitted with opts.Configure (an instant room when nil and created).
func (m *Mux) Join(ctx context.Context, c *xmpp.Client, room string, opts Options) (*Room, error) {
	rj, err := jid.Parse(room)
	if err != nil || rj.Localpart() == "" || rj.Resourcepart() != "" {
		return nil, fmt.Errorf("%w: %q", ErrBadJID, room)
	}
	if _, err := jid.New(rj.Localpart(), rj.Domainpart(), opts.Nick); err != nil || opts.Nick == "" {
		return nil, fmt.Errorf("%w: nick %q", ErrBadJID, opts.Nick)
	}
	r := newRoom(m, c, rj.Bare().String(), opts)
	if err := m.add(r); err != nil {
		return nil, err
	}
	created, err := r.join(ctx)
	if err != nil {
		return nil, err
	}
	if created || opts.ConfigureAlways {
		if err := r.Configure(ctx, opts.Configure); err != nil {
			lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), leaveTimeout)
			_ = r.Leave(lctx)
			cancel()
			return nil, fmt.Errorf("%w: configure %s: %w", ErrJoin, r.jid, err)
		}
	}
	return r, nil
}
