package focus

import (
	"context"
	"sort"
	"sync"

	"github.com/jitsi-go/jitsi-go/brewery"
)

// Hub holds the running conferences of a focus by room JID and fans brewery
// registry events out to them. Pass Hub.Notify as the registry's notify
// callback. It is safe for concurrent use.
type Hub struct {
	mu      sync.Mutex
	confs   map[string]*Conference
	wg      sync.WaitGroup
	removed func()
	totals  Totals
}

// NewHub returns an empty hub. removed, if not nil, is called (without
// the hub's lock) each time an ended conference has left the hub, so that
// whoever watches Rooms sees the change.
func NewHub(removed func()) *Hub { return &Hub{confs: map[string]*Conference{}, removed: removed} }

// Start returns the room's running conference, or creates one from p and
// runs it until it ends or ctx is done; it then leaves the hub.
func (h *Hub) Start(ctx context.Context, p Params) (*Conference, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if c, ok := h.confs[p.Room]; ok {
		return c, nil
	}
	if p.Totals == nil {
		p.Totals = &h.totals
	}
	c, err := New(p)
	if err != nil {
		return nil, err
	}
	h.confs[p.Room] = c
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		if err := c.Run(ctx); err != nil && ctx.Err() == nil {
			p.Logger.Error("conference failed", "conf", p.Room, "err", err)
		}
		h.mu.Lock()
		if h.confs[p.Room] == c {
			delete(h.confs, p.Room)
		}
		h.mu.Unlock()
		if h.removed != nil {
			h.removed()
		}
	}()
	return c, nil
}

// Totals returns the counters of the conferences the hub starts (those
// given no Totals of their own).
func (h *Hub) Totals() *Totals { return &h.totals }

// Get returns the room's running conference, or nil.
func (h *Hub) Get(room string) *Conference {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.confs[room]
}

// Rooms lists the rooms with a running conference, sorted.
func (h *Hub) Rooms() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]string, 0, len(h.confs))
	for r := range h.confs {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Notify hands a registry event to every conference. It never blocks.
func (h *Hub) Notify(ev brewery.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, c := range h.confs {
		c.BridgeEvent(ev)
	}
}

// Wait returns once every conference started by the hub has returned.
func (h *Hub) Wait() { h.wg.Wait() }
