// Package c2s serves client-to-server XMPP sessions for xmppd. The Session
// state machine (STARTTLS, SASL, bind, session, stanza handling) is shared by
// every framing; tcp.go frames it as an RFC 6120 stream, and the web package
// frames it as RFC 7395 WebSocket and XEP-0206 BOSH.
package c2s

import (
	"crypto/tls"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jitsi-go/jitsi-go/xmppd/clock"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
	"github.com/jitsi-go/jitsi-go/xmppd/store"
)

// HostConfig is the authentication policy of one virtual host.
type HostConfig struct {
	// Anonymous hosts offer only SASL ANONYMOUS.
	Anonymous bool
	// AllowPlain offers PLAIN on unencrypted connections too.
	AllowPlain bool
}

// Limits bounds what one connection may do.
type Limits struct {
	MaxStanza       int64
	AuthTimeout     time.Duration
	QueueLen        int
	RateBytes       int // sustained bytes per second read from a client
	RateBurst       int
	MaxConns        int
	MaxAuthFailures int
}

// DefaultLimits are used for zero fields.
var DefaultLimits = Limits{MaxStanza: 256 << 10, AuthTimeout: 30 * time.Second, QueueLen: 4096,
	RateBytes: 256 << 10, RateBurst: 1 << 20, MaxConns: 10000, MaxAuthFailures: 3}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxStanza > 0 {
		d.MaxStanza = l.MaxStanza
	}
	if l.AuthTimeout > 0 {
		d.AuthTimeout = l.AuthTimeout
	}
	if l.QueueLen > 0 {
		d.QueueLen = l.QueueLen
	}
	if l.RateBytes > 0 {
		d.RateBytes = l.RateBytes
	}
	if l.RateBurst > 0 {
		d.RateBurst = l.RateBurst
	}
	if l.MaxConns > 0 {
		d.MaxConns = l.MaxConns
	}
	if l.MaxAuthFailures > 0 {
		d.MaxAuthFailures = l.MaxAuthFailures
	}
	return d
}

// Counters are the c2s metrics.
type Counters struct {
	Connections  atomic.Int64 // currently open
	Accepted     atomic.Int64
	Rejected     atomic.Int64 // over the connection cap
	AuthOK       atomic.Int64
	AuthFailed   atomic.Int64
	StreamErrors atomic.Int64
	StanzasIn    atomic.Int64
	StanzasOut   atomic.Int64
}

// Env is what every session needs from the server.
type Env struct {
	Router *router.Router
	Store  *store.Store
	Hosts  map[string]HostConfig
	// TLS returns the current server TLS config (reloadable); nil disables STARTTLS.
	TLS    func() *tls.Config
	Clock  clock.Clock
	Log    *slog.Logger
	Limits Limits
	Count  *Counters
	// Resume holds XEP-0198 resumable sessions.
	Resume *Resumptions

	filled bool // the result of Fill: sessions share it without copying
}

// Fill returns a copy of e with defaults for unset fields.
func (e *Env) Fill() *Env {
	c := *e
	c.Limits = e.Limits.withDefaults()
	if c.Clock == nil {
		c.Clock = clock.Real{}
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Count == nil {
		c.Count = &Counters{}
	}
	if c.Resume == nil {
		c.Resume = NewResumptions()
	}
	c.filled = true
	return &c
}
