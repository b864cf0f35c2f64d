package bridge

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/jitsi-go/jitsi-go/bridge/xmppapi"
	"github.com/jitsi-go/jitsi-go/sfu"
)

// Bridge is the videobridge: conferences keyed by meeting-id over one SFU,
// the bridge channels of their endpoints, and the operational state
// (drain, graceful shutdown) the brewery presence and REST API expose.
type Bridge struct {
	cfg Config
	sfu *sfu.SFU
	log *slog.Logger

	mu        sync.Mutex // Colibri2 requests, and the maps below
	byMeeting map[string]*conference
	byID      map[string]*conference

	drain        atomic.Bool
	graceful     atomic.Bool
	shuttingDown atomic.Bool
	done         chan struct{} // closed when a shutdown completed
	doneOnce     sync.Once

	changedMu sync.Mutex
	changed   chan struct{} // closed and replaced on every state change

	handlers map[string]messageHandler
	totals   totals
	rates    rateSampler
	xmpp     atomic.Pointer[xmppapi.Service] // brewery client, for mucs_* stats
	ctx      context.Context
	cancel   context.CancelFunc
	wg       sync.WaitGroup
	closing  atomic.Bool
}

// totals are the monotonically increasing counters of /colibri/stats.
type totals struct {
	conferencesCreated, conferencesCompleted atomic.Uint64
	participants                             atomic.Uint64
	wsReceived, wsSent, wsDropped            atomic.Uint64
	endpointsExpired                         atomic.Uint64
	visitors                                 atomic.Uint64 // visitor endpoints created
	conferenceSeconds                        atomic.Uint64 // summed durations of ended conferences
}

// New starts a bridge on s. The bridge owns s's event channel; Close does
// not close s (the caller does, after Close).
func New(cfg Config, s *sfu.SFU) (*Bridge, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, fmt.Errorf("%w: no sfu", ErrInvalidConfig)
	}
	b := &Bridge{
		cfg: cfg, sfu: s, log: cfg.Logger,
		byMeeting: map[string]*conference{}, byID: map[string]*conference{},
		done: make(chan struct{}), changed: make(chan struct{}), handlers: messageHandlers(),
	}
	b.drain.Store(cfg.InitialDrain)
	b.rates.init(cfg.Clock.Now(), s.Stats())
	b.ctx, b.cancel = context.WithCancel(context.Background())
	b.wg.Add(2)
	go b.eventLoop()
	go b.timerLoop()
	return b, nil
}

// Close expires every conference (closing every bridge channel) and stops
// the bridge's goroutines. The SFU stays open.
func (b *Bridge) Close() error {
	if b.closing.Swap(true) {
		return nil
	}
	b.mu.Lock()
	for _, c := range b.byID {
		b.expireConferenceLocked(c, "bridge closed")
	}
	b.mu.Unlock()
	b.cancel()
	b.wg.Wait()
	return nil
}

// SFU returns the media plane the bridge runs on.
func (b *Bridge) SFU() *sfu.SFU { return b.sfu }

// Changed returns a channel closed at the next change of conference,
// endpoint or transport state. Take it before checking a condition, then
// wait on it: no change is missed.
func (b *Bridge) Changed() <-chan struct{} {
	b.changedMu.Lock()
	defer b.changedMu.Unlock()
	return b.changed
}

func (b *Bridge) notify() {
	b.changedMu.Lock()
	close(b.changed)
	b.changed = make(chan struct{})
	b.changedMu.Unlock()
}

// Done is closed when a graceful shutdown finished (the last conference
// ended) or a forced shutdown was requested: the daemon then exits.
func (b *Bridge) Done() <-chan struct{} { return b.done }

// SetDrain sets drain mode (published as drain; jicofo avoids draining
// bridges for new conferences).
func (b *Bridge) SetDrain(on bool) {
	b.drain.Store(on)
	b.log.Info("drain mode", "drain", on)
}

// Draining reports drain mode.
func (b *Bridge) Draining() bool { return b.drain.Load() }

// Shutdown starts a shutdown. Graceful: no new conferences are accepted
// (graceful_shutdown error) and Done closes once the last conference ended.
// Otherwise shutting_down is published and Done closes at once.
func (b *Bridge) Shutdown(graceful bool) {
	b.log.Info("shutdown requested", "graceful", graceful)
	if !graceful {
		b.shuttingDown.Store(true)
		b.finish()
		return
	}
	b.graceful.Store(true)
	b.mu.Lock()
	empty := len(b.byID) == 0
	b.mu.Unlock()
	if empty {
		b.finish()
	}
}

func (b *Bridge) finish() {
	b.doneOnce.Do(func() {
		b.shuttingDown.Store(true)
		close(b.done)
	})
}

// Check is the health check: the UDP socket is open, the SFU's forwarding
// and control loops run, and the bridge's own timer loop is alive.
func (b *Bridge) Check() error {
	if b.closing.Load() {
		return ErrClosed
	}
	if !b.sfu.Healthy() {
		return fmt.Errorf("%w: media plane not running", ErrUnhealthy)
	}
	return nil
}
