package muc

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// leaveTimeout bounds the leave that undoes a join whose configuration failed.
const leaveTimeout = 5 * time.Second

// Room is a room we joined through a Mux.
type Room struct {
	mux  *Mux
	c    *xmpp.Client
	jid  string // bare room JID
	me   string // our client's full JID
	opts Options

	joined chan bool // receives "created" at our self-presence
	done   chan struct{}
	once   sync.Once

	mu        sync.Mutex
	self      Occupant
	selfJID   string // room/nick
	ext       []*xmpp.Element
	occupants map[string]Occupant
	joining   bool
	failure   error // why the join failed
}

func newRoom(m *Mux, c *xmpp.Client, room string, opts Options) *Room {
	return &Room{
		mux: m, c: c, jid: room, me: c.JID().String(), opts: opts,
		joined: make(chan bool, 1), done: make(chan struct{}),
		selfJID: room + "/" + opts.Nick, ext: copyAll(opts.Extensions),
		occupants: map[string]Occupant{}, joining: true,
	}
}

// JID returns the bare room JID.
func (r *Room) JID() string { return r.jid }

// Self returns our own occupant as the room last reported it.
func (r *Room) Self() Occupant {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.self
}

// Occupants returns the other occupants, sorted by nick.
func (r *Room) Occupants() []Occupant {
	r.mu.Lock()
	out := make([]Occupant, 0, len(r.occupants))
	for _, o := range r.occupants {
		out = append(out, o)
	}
	r.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Nick < out[j].Nick })
	return out
}

// Done is closed when we are no longer in the room (left, kicked,
// destroyed, connection lost).
func (r *Room) Done() <-chan struct{} { return r.done }

// Err says why we are no longer in the room (left, kicked, destroyed,
// connection lost, join failed); nil while Done is open.
func (r *Room) Err() error {
	select {
	case <-r.done:
	default:
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failure
}

// SetPresence re-sends our presence with these extensions (replaces the
// previous set).
func (r *Room) SetPresence(ctx context.Context, ext ...*xmpp.Element) error {
	select {
	case <-r.done:
		return fmt.Errorf("%w: %s", ErrNotInRoom, r.jid)
	default:
	}
	r.mu.Lock()
	r.ext = copyAll(ext)
	p := r.presenceLocked(false)
	r.mu.Unlock()
	return r.c.Send(ctx, p)
}

// Leave sends unavailable presence and waits until the room confirms it,
// the connection ends or ctx ends (Done is closed in every case).
func (r *Room) Leave(ctx context.Context) error {
	select {
	case <-r.done:
		return nil
	default:
	}
	r.mu.Lock()
	p := xmpp.NewElement(xmpp.NSClient, "presence", "to", r.selfJID, "type", "unavailable")
	r.mu.Unlock()
	if err := r.c.Send(ctx, p); err != nil {
		r.finish(err)
		return err
	}
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		r.finish(ctx.Err())
		return ctx.Err()
	}
}

// join sends the join presence and waits for the outcome; it reports
// whether the join created the room.
func (r *Room) join(ctx context.Context) (bool, error) {
	go r.watch()
	r.mu.Lock()
	p := r.presenceLocked(true)
	r.mu.Unlock()
	if err := r.c.Send(ctx, p); err != nil {
		r.finish(err)
		return false, fmt.Errorf("%w: %s: %w", ErrJoin, r.jid, err)
	}
	select {
	case created := <-r.joined:
		return created, nil
	case <-r.done:
		r.mu.Lock()
		err := r.failure
		r.mu.Unlock()
		return false, fmt.Errorf("%w: %s: %w", ErrJoin, r.jid, err)
	case <-ctx.Done():
		_ = r.c.Send(context.WithoutCancel(ctx),
			xmpp.NewElement(xmpp.NSClient, "presence", "to", r.selfJID, "type", "unavailable"))
		r.finish(ctx.Err())
		return false, fmt.Errorf("%w: %s: %w", ErrJoin, r.jid, ctx.Err())
	}
}

// watch ends the room when the connection ends.
func (r *Room) watch() {
	select {
	case <-r.c.Done():
		r.finish(xmpp.ErrClosed)
	case <-r.done:
	}
}

// finish marks the room as left, once.
func (r *Room) finish(why error) {
	r.once.Do(func() {
		r.mu.Lock()
		r.failure, r.joining = why, false
		r.mu.Unlock()
		r.mux.remove(r)
		close(r.done)
	})
}

// presenceLocked builds our presence: the join form carries the MUC <x/>.
func (r *Room) presenceLocked(join bool) *xmpp.Element {
	p := xmpp.NewElement(xmpp.NSClient, "presence", "to", r.selfJID)
	if join {
		x := xmpp.NewElement(xmpp.NSMUC, "x")
		if r.opts.Password != "" {
			x.Add(xmpp.NewElement(xmpp.NSMUC, "password").AddText(r.opts.Password))
		}
		x.Add(xmpp.NewElement(xmpp.NSMUC, "history", "maxstanzas", "0"))
		p.Add(x)
	}
	for _, e := range r.ext {
		p.Add(e.Copy())
	}
	return p
}

func copyAll(es []*xmpp.Element) []*xmpp.Element {
	out := make([]*xmpp.Element, 0, len(es))
	for _, e := range es {
		if e != nil {
			out = append(out, e.Copy())
		}
	}
	return out
}
