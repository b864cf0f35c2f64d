package xmppapi

import (
	"context"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/focus"
	"github.com/jitsi-go/jitsi-go/internal/clock"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// presenceSetter is the part of a joined MUC room (muc.Room) that re-sends
// our presence.
type presenceSetter interface {
	SetPresence(ctx context.Context, ext ...*xmpp.Element) error
}

// focusPresence is the focus's own presence in a conference room (jicofo's
// ConferenceProperties and bridgeNotAvailable updates). The conference core
// changes it from its executor without blocking; a goroutine sends the
// latest state, coalescing bursts.
type focusPresence struct {
	version string
	kick    chan struct{}

	mu       sync.Mutex
	props    colibri.ConferenceProperties
	noBridge bool
}

var _ focus.RoomPresence = (*focusPresence)(nil)

// newFocusPresence returns the initial presence: support-terminate-restart
// and the focus version, as jicofo joins with.
func newFocusPresence(version string) *focusPresence {
	p := &focusPresence{version: version, kick: make(chan struct{}, 1)}
	p.props.Put(colibri.KeySupportTerminateRestart, "true")
	return p
}

// SetBridgeNotAvailable adds or removes <bridgeNotAvailable/>.
func (p *focusPresence) SetBridgeNotAvailable(v bool) {
	p.mu.Lock()
	changed := p.noBridge != v
	p.noBridge = v
	p.mu.Unlock()
	if changed {
		p.changed()
	}
}

// SetConferenceProperty sets one conference-properties key.
func (p *focusPresence) SetConferenceProperty(key, value string) {
	p.mu.Lock()
	old, ok := p.props.Get(key)
	p.props.Put(key, value)
	p.mu.Unlock()
	if !ok || old != value {
		p.changed()
	}
}

func (p *focusPresence) changed() {
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// extensions returns the presence children for the current state.
func (p *focusPresence) extensions() []*xmpp.Element {
	p.mu.Lock()
	props := colibri.ConferenceProperties{Properties: append([]colibri.ConferenceProperty(nil), p.props.Properties...)}
	noBridge := p.noBridge
	p.mu.Unlock()
	var out []*xmpp.Element
	vals := []any{&colibri.Versions{Components: []colibri.Component{{Name: colibri.ComponentFocus, Version: p.version}}}, &props}
	if noBridge {
		vals = append(vals, &colibri.BridgeNotAvailable{})
	}
	for _, v := range vals {
		if e, err := toElement(v); err == nil {
			out = append(out, e)
		}
	}
	return out
}

// run re-sends the presence whenever it changed, until ctx is done; each
// send is bounded by timeout.
func (p *focusPresence) run(ctx context.Context, clk clock.Clock, room presenceSetter, timeout time.Duration, onErr func(error)) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.kick:
		}
		sctx, cancel := withTimeout(ctx, clk, timeout)
		err := room.SetPresence(sctx, p.extensions()...)
		cancel()
		if err != nil && ctx.Err() == nil {
			onErr(err)
		}
	}
}
