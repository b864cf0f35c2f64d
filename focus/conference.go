package focus

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"time"

	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// inboxSize bounds the external events waiting for a conference's executor.
const inboxSize = 256

// Params are a conference's configuration and dependencies.
type Params struct {
	// Room is the conference MUC's bare JID.
	Room string
	// MeetingID is muc#roominfo_meetingId; empty means a new UUID.
	MeetingID string
	// FocusJID is the focus's full JID, the initiator of its Jingle sessions.
	FocusJID string
	Config   *config.Jicofo
	// Offers builds offers and endpoint media; nil means one built from Config.
	Offers    *OfferFactory
	Registry  *brewery.Registry
	Strategy  brewery.Strategy
	Signaller Signaller
	Bridges   BridgeClient
	Presence  RoomPresence // optional
	Clock     clock.Clock
	Logger    *slog.Logger
	// NewID returns Jingle session and bridge session IDs; nil means random UUIDs.
	NewID func() string
	// StartAudioMuted and StartVideoMuted are the conference request's
	// startAudioMuted/startVideoMuted properties: participants beyond that
	// many are invited muted. nil means unset.
	StartAudioMuted, StartVideoMuted *int
	// IQTimeout bounds each Jingle and Colibri2 request; 0 means
	// jicofo.xmpp.client.reply-timeout (15 s).
	IQTimeout time.Duration
	// Totals receives the service-wide counters; nil means counters of
	// this conference's own that nobody reads.
	Totals *Totals
}

// Conference is one conference's executor. Its methods may be called from
// any goroutine; they hand work to the goroutine started by Run.
type Conference struct {
	inbox chan func(*conference)
	mail  *mailbox[func(*conference)]
	done  chan struct{}
	state *conference
}

// New returns a conference; call Run to start it.
func New(p Params) (*Conference, error) {
	if p.Config == nil || p.Registry == nil || p.Signaller == nil || p.Bridges == nil {
		return nil, fmt.Errorf("%w: conference %s needs Config, Registry, Signaller and Bridges", ErrBadConfig, p.Room)
	}
	if p.Strategy == nil {
		p.Strategy = brewery.Single{}
	}
	if p.Clock == nil {
		p.Clock = clock.Real{}
	}
	if p.Logger == nil {
		p.Logger = slog.Default()
	}
	if p.NewID == nil {
		p.NewID = randomUUID
	}
	if p.Offers == nil {
		p.Offers = NewOfferFactory(p.Config.Codec, p.Config.SCTP)
	}
	if p.IQTimeout <= 0 {
		p.IQTimeout = p.Config.Client.ReplyTimeout
	}
	if p.IQTimeout <= 0 {
		p.IQTimeout = 15 * time.Second
	}
	if p.MeetingID == "" {
		p.MeetingID = p.NewID()
	}
	if p.Totals == nil {
		p.Totals = &Totals{}
	}
	c := &Conference{inbox: make(chan func(*conference), inboxSize),
		mail: newMailbox[func(*conference)](), done: make(chan struct{})}
	c.state = newConferenceState(p, c.mail)
	return c, nil
}

// MeetingID returns the Colibri2 meeting-id.
func (c *Conference) MeetingID() string { return c.state.p.MeetingID }

// Done is closed when Run has returned.
func (c *Conference) Done() <-chan struct{} { return c.done }

// Run executes the conference until the room empties, or until ctx is done.
// When the room empties it first lets the queued IQs (the expires) go out,
// each bounded by the IQ timeout, until ctx is done; when ctx is done it
// drops them and cancels the ones in flight. Either way
// it returns only after every goroutine it started has ended.
func (c *Conference) Run(ctx context.Context) error {
	defer close(c.done)
	s := c.state
	s.start(ctx)
	defer s.shutdown(ctx)
	for !s.ended {
		select {
		case ev := <-c.inbox:
			ev(s)
		case <-c.mail.ready:
			for _, ev := range c.mail.take() {
				ev(s)
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// do runs fn on the executor and waits for it.
func (c *Conference) do(ctx context.Context, fn func(*conference)) error {
	ran := make(chan struct{})
	ev := func(s *conference) {
		fn(s)
		close(ran)
	}
	select {
	case c.inbox <- ev:
	case <-c.done:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-ran:
		return nil
	case <-c.done:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// call runs fn on the executor and returns its result. A caller that gives
// up (ctx done, conference closed) gets an error, and a result fn computes
// afterwards goes to a buffered channel nobody reads: fn never writes
// memory the caller may be reading.
func call[T any](ctx context.Context, c *Conference, fn func(*conference) T) (T, error) {
	res := make(chan T, 1)
	if err := c.do(ctx, func(s *conference) { res <- fn(s) }); err != nil {
		var zero T
		return zero, err
	}
	return <-res, nil
}

// BridgeEvent hands a brewery registry event to the conference. It never
// blocks, so it may be called from the registry's notify callback.
func (c *Conference) BridgeEvent(ev brewery.Event) {
	c.mail.put(func(s *conference) { s.onBridgeEvent(ev) }, 0)
}

// randomUUID returns a version 4 UUID.
func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
