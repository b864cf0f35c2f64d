package brewery

import (
	"sort"
	"sync"

	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// EventKind says what happened to a bridge.
type EventKind int

// Events the registry reports. A conference on a bridge that is Removed,
// Failed or ShuttingDown must move to another bridge.
const (
	BridgeAdded EventKind = iota + 1
	BridgeRemoved
	BridgeFailed
	BridgeShuttingDown
)

func (k EventKind) String() string {
	switch k {
	case BridgeAdded:
		return "added"
	case BridgeRemoved:
		return "removed"
	case BridgeFailed:
		return "failed"
	case BridgeShuttingDown:
		return "shutting-down"
	}
	return "unknown"
}

// Event is a change in the set of usable bridges.
type Event struct {
	Kind EventKind
	JID  string
}

// Registry is the set of bridges seen in the brewery. It is safe for
// concurrent use; the notify callback runs outside its lock.
type Registry struct {
	cfg    Config
	clock  clock.Clock
	notify func(Event)

	mu      sync.Mutex
	bridges map[string]*Bridge
	lost    int
}

// NewRegistry returns an empty registry. notify, if not nil, is called for
// every Event, in order, from the goroutine that caused it.
func NewRegistry(cfg Config, clk clock.Clock, notify func(Event)) *Registry {
	if clk == nil {
		clk = clock.Real{}
	}
	if notify == nil {
		notify = func(Event) {}
	}
	return &Registry{cfg: cfg.withDefaults(), clock: clk, notify: notify, bridges: map[string]*Bridge{}}
}

// Update records a brewery presence carrying stats: it adds an unknown bridge
// or refreshes a known one.
func (r *Registry) Update(jid string, s Stats) {
	var events []Event
	r.mu.Lock()
	b, ok := r.bridges[jid]
	if !ok {
		b = &Bridge{JID: jid, Operational: true}
		r.bridges[jid] = b
		events = append(events, Event{BridgeAdded, jid})
	}
	if !s.HasStress {
		s.StressLevel, s.HasStress = b.Stats.StressLevel, b.Stats.HasStress
	}
	wasShuttingDown := b.Stats.ShuttingDown
	b.Stats = s
	b.graceful = b.graceful || s.GracefulShutdown
	b.added = pruneAdded(b.added, r.clock.Now(), r.cfg.ParticipantRampUp)
	if s.ShuttingDown && !wasShuttingDown {
		events = append(events, Event{BridgeShuttingDown, jid})
	}
	r.mu.Unlock()
	r.emit(events)
}

// Remove forgets a bridge that left the brewery room.
func (r *Registry) Remove(jid string) {
	r.mu.Lock()
	_, ok := r.bridges[jid]
	if ok {
		delete(r.bridges, jid)
		r.lost++
	}
	r.mu.Unlock()
	if ok {
		r.emit([]Event{{BridgeRemoved, jid}})
	}
}

// MarkFailed records a failed health check, a Colibri2 error or a Colibri2
// timeout: the bridge is not used for FailureResetThreshold.
func (r *Registry) MarkFailed(jid string) {
	r.mu.Lock()
	b, ok := r.bridges[jid]
	if ok {
		b.Operational = false
		b.FailedAt = r.clock.Now()
	}
	r.mu.Unlock()
	if ok {
		r.emit([]Event{{BridgeFailed, jid}})
	}
}

// MarkHealthy records a successful health check.
func (r *Registry) MarkHealthy(jid string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b, ok := r.bridges[jid]; ok && !b.Operational {
		// A failed bridge comes back only after the reset threshold.
		r.refresh(b)
	}
}

// MarkGracefulShutdown records a Colibri2 graceful_shutdown refusal.
func (r *Registry) MarkGracefulShutdown(jid string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b, ok := r.bridges[jid]; ok {
		b.graceful = true
	}
}

// EndpointAdded records that an endpoint was just allocated on the bridge, so
// its corrected stress rises until the bridge reports the new load itself.
func (r *Registry) EndpointAdded(jid string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if b, ok := r.bridges[jid]; ok {
		now := r.clock.Now()
		b.added = append(pruneAdded(b.added, now, r.cfg.ParticipantRampUp), now)
	}
}

// Get returns a snapshot of one bridge.
func (r *Registry) Get(jid string) (*Bridge, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	b, ok := r.bridges[jid]
	if !ok {
		return nil, false
	}
	r.refresh(b)
	return b.clone(), true
}

// Bridges returns snapshots of every bridge, sorted by JID.
func (r *Registry) Bridges() []*Bridge {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Bridge, 0, len(r.bridges))
	for _, b := range r.bridges {
		r.refresh(b)
		out = append(out, b.clone())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].JID < out[j].JID })
	return out
}

// refresh makes a failed bridge operational again once the failure-reset
// threshold has passed. Called with r.mu held.
func (r *Registry) refresh(b *Bridge) {
	if !b.Operational && r.clock.Now().Sub(b.FailedAt) >= r.cfg.FailureResetThreshold {
		b.Operational = true
	}
}

func (r *Registry) emit(events []Event) {
	for _, e := range events {
		r.notify(e)
	}
}
