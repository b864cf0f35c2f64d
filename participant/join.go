package participant

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/clock"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant/bridgechan"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// Dialer logs an XMPP client in; WebSocket, BOSH and TCP return one.
type Dialer func(ctx context.Context, cfg xmpp.Config) (*xmpp.Client, error)

// WebSocket dials an RFC 7395 endpoint such as ws://host/xmpp-websocket.
func WebSocket(url string) Dialer {
	return func(ctx context.Context, cfg xmpp.Config) (*xmpp.Client, error) {
		return xmpp.DialWebSocket(ctx, url, cfg)
	}
}

// BOSH dials an XEP-0124 endpoint such as http://host/http-bind.
func BOSH(url string) Dialer {
	return func(ctx context.Context, cfg xmpp.Config) (*xmpp.Client, error) { return xmpp.DialBOSH(ctx, url, cfg) }
}

// TCP dials a c2s port.
func TCP(addr string) Dialer {
	return func(ctx context.Context, cfg xmpp.Config) (*xmpp.Client, error) { return xmpp.DialTCP(ctx, addr, cfg) }
}

// JoinConfig describes one participant joining a conference.
type JoinConfig struct {
	Dial   Dialer
	Domain string // login domain (anonymous when Username is empty)
	// Username and Password for an authenticated login.
	Username, Password string
	// Room is room@conference.domain.
	Room string
	// FocusJID receives the conference IQ (default focus.<Domain>).
	FocusJID string
	// Nick is the MUC nick and endpoint ID (default 8 random hex digits).
	Nick string
	// StatsID and DisplayName go into the presence.
	StatsID, DisplayName string
	// PresenceFeatures, when set, go into a <features/> presence element.
	PresenceFeatures []string
	// Media configures the Jingle session; Endpoint is set to Nick.
	Media Config
	// SendMedia starts the senders once the focus acknowledged session-accept.
	SendMedia bool
	// LastN and MaxHeight go into the first ReceiverVideoConstraints on the
	// bridge channel (defaults -1 and 180); NoBridgeChannel skips it.
	LastN, MaxHeight int
	NoBridgeChannel  bool
	// Clock paces the conference IQ retries (real time if nil).
	Clock clock.Clock
}

// Participant is one joined test participant.
type Participant struct {
	cfg     JoinConfig
	client  *xmpp.Client
	handler *Handler
	work    chan work
	ctx     context.Context
	cancel  context.CancelFunc

	accepted   chan *Session
	terminated chan *jingle.Jingle

	mu        sync.Mutex
	confAt    time.Time // conference IQ sent
	sessions  int
	occupants map[string]bool
	bridge    *bridgechan.Client
	// bridgeDial cancels the latest bridge channel dial (and the channel
	// it opened); a newer session's dial calls it.
	bridgeDial context.CancelFunc
	media      *Media
	errs       []error
}

// Join logs in, sends the conference IQ until the focus is ready, joins the
// MUC and starts handling Jingle. Everything stops when ctx ends or Close.
func Join(ctx context.Context, cfg JoinConfig) (*Participant, error) {
	cfg = joinDefaults(cfg)
	pctx, cancel := context.WithCancel(ctx)
	p := &Participant{cfg: cfg, ctx: pctx, cancel: cancel, work: make(chan work, 32),
		accepted: make(chan *Session, 8), terminated: make(chan *jingle.Jingle, 8), occupants: map[string]bool{}}
	p.handler = &Handler{NewSession: p.newSession, Focus: cfg.Room + "/focus", Accept: p.sendAccept, Terminated: p.onTerminate}
	client, err := cfg.Dial(ctx, xmpp.Config{Domain: cfg.Domain, Username: cfg.Username, Password: cfg.Password,
		OnStanza: p.onStanza})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("participant: login: %w", err)
	}
	p.client = client
	client.Handle(jingle.NS, "jingle", p.onJingle)
	client.Handle(xmpp.NSDiscoInfo, "query", discoInfo)
	go p.worker()
	if err := p.requestConference(pctx); err != nil {
		_ = p.Close()
		return nil, err
	}
	if err := client.Send(pctx, joinPresence(cfg.Room+"/"+cfg.Nick, cfg)); err != nil {
		_ = p.Close()
		return nil, fmt.Errorf("participant: join presence: %w", err)
	}
	return p, nil
}

func joinDefaults(cfg JoinConfig) JoinConfig {
	if cfg.FocusJID == "" {
		cfg.FocusJID = "focus." + cfg.Domain
	}
	if cfg.Nick == "" {
		var b [4]byte
		_, _ = rand.Read(b[:])
		cfg.Nick = hex.EncodeToString(b[:])
	}
	if cfg.StatsID == "" {
		cfg.StatsID = "Test-" + cfg.Nick
	}
	if cfg.DisplayName == "" {
		cfg.DisplayName = cfg.Nick
	}
	if cfg.LastN == 0 {
		cfg.LastN = -1
	}
	if cfg.MaxHeight == 0 {
		cfg.MaxHeight = 180
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.Real{}
	}
	if cfg.Media.Now == nil {
		cfg.Media.Now = time.Now
	}
	cfg.Media.Endpoint = cfg.Nick
	return cfg
}

// Nick returns the endpoint ID.
func (p *Participant) Nick() string { return p.cfg.Nick }

// newSession makes the Session of a session-initiate; the first one carries
// the conference request time.
func (p *Participant) newSession() *Session {
	s := NewSession(p.cfg.Media)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sessions == 0 {
		s.MarkConferenceRequest(p.confAt)
	}
	p.sessions++
	return s
}

// Session returns the live Jingle session (media, receiver, timings), nil
// before the first session-initiate and after a terminate.
func (p *Participant) Session() *Session { return p.handler.Current() }

// Accepted delivers each session whose session-accept the focus
// acknowledged (the first one, then every re-invite).
func (p *Participant) Accepted() <-chan *Session { return p.accepted }

// Terminated delivers the focus's session-terminates.
func (p *Participant) Terminated() <-chan *jingle.Jingle { return p.terminated }

// Bridge returns the bridge channel, nil until it is open.
func (p *Participant) Bridge() *bridgechan.Client {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.bridge
}

// Media returns the running senders, nil until started.
func (p *Participant) Media() *Media {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.media
}

// Errors returns what went wrong while processing Jingle or the bridge
// channel (the participant keeps running, as lib-jitsi-meet does).
func (p *Participant) Errors() []error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]error(nil), p.errs...)
}

// Occupants lists the nicks present in the room, from MUC presence.
func (p *Participant) Occupants() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]string, 0, len(p.occupants))
	for n := range p.occupants {
		out = append(out, n)
	}
	return out
}

func (p *Participant) fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.errs = append(p.errs, err)
}

// Leave sends unavailable presence and closes everything.
func (p *Participant) Leave(ctx context.Context) error {
	err := p.client.Send(ctx, xmpp.NewElement(xmpp.NSClient, "presence", "to", p.cfg.Room+"/"+p.cfg.Nick, "type", "unavailable"))
	if cerr := p.Close(); err == nil {
		err = cerr
	}
	return err
}

// Close stops media, the bridge channel, the session and the XMPP client.
func (p *Participant) Close() error {
	p.cancel()
	if b := p.Bridge(); b != nil {
		_ = b.Close()
	}
	var err error
	if s := p.handler.Current(); s != nil {
		err = s.Close()
	}
	_ = p.client.Close()
	return err
}

// onStanza tracks MUC occupants from presence.
func (p *Participant) onStanza(e *xmpp.Element) {
	if e.Local != "presence" || !strings.HasPrefix(e.Get("from"), p.cfg.Room+"/") {
		return
	}
	nick := strings.TrimPrefix(e.Get("from"), p.cfg.Room+"/")
	p.mu.Lock()
	defer p.mu.Unlock()
	if e.Get("type") == "unavailable" {
		delete(p.occupants, nick)
	} else {
		p.occupants[nick] = true
	}
}

// retryDelay doubles from 1 s up to 120 s, as moderator.js does.
func retryDelay(attempt int) time.Duration {
	return min(time.Second<<min(attempt, 7), 120*time.Second)
}
