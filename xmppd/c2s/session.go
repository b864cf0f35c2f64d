package c2s

import (
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/clock"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stream"
)

// Transport is the server side of one framing (TCP, WebSocket, BOSH).
type Transport interface {
	// OpenStream queues the stream header (if the framing has one) and features.
	OpenStream(id, from string, features *xmpp.Element)
	// Send queues one element; false means the outgoing queue is full.
	Send(e *xmpp.Element) bool
	// Close queues a stream error (if err is a stream.Error) and the stream
	// close, then releases the connection.
	Close(err error)
	// CanStartTLS reports whether STARTTLS may be offered.
	CanStartTLS() bool
	// TLSState returns the connection's TLS state, or nil if unencrypted or
	// not known (a TLS-terminating proxy counts as secure via Secure).
	TLSState() *tls.ConnectionState
	// Secure reports whether the client's connection is encrypted.
	Secure() bool
}

// Action tells the framing what to do after an element was handled.
type Action int

// Actions returned by Session.Handle.
const (
	Continue Action = iota
	// Restart: expect a new stream header (after SASL success).
	Restart
	// StartTLS: <proceed/> was queued; upgrade the connection, then restart.
	StartTLS
)

type phase int

const (
	phaseAuth phase = iota
	phaseBind
	phaseBound
)

// Session is one client session. Its methods are called by one goroutine at
// a time (the framing's reader); Deliver may be called from anywhere.
type Session struct {
	env    *Env
	t      Transport
	remote string // the client's address, for the scoped logger
	host   string
	hcfg   HostConfig
	phase  phase
	user   string // authenticated localpart
	fails  int
	sasl   *saslState
	jid    jid.JID

	refused atomic.Bool // a Send was refused; Fail is under way

	mu       sync.Mutex
	closed   bool
	timer    clock.Timer
	directed map[string]bool
	avail    bool
	lastPres *xmpp.Element
	sm       smState
	resumed  *Session // set when this connection resumed another session
}

// NewSession starts a session on t; the auth timeout starts now.
func NewSession(env *Env, t Transport, remote string) *Session {
	if !env.filled {
		env = env.Fill()
	}
	s := &Session{env: env, t: t, remote: remote, directed: map[string]bool{}}
	s.timer = env.Clock.AfterFunc(env.Limits.AuthTimeout, s.authTimeout)
	env.Count.Connections.Add(1)
	env.Count.Accepted.Add(1)
	return s
}

// JID returns the bound JID (zero before bind).
func (s *Session) JID() jid.JID { return s.jid }

// Logger returns the session's scoped logger. It is built on each call
// (sessions log rarely) so that an idle session holds no logger.
func (s *Session) Logger() *slog.Logger { return s.env.Log.With("remote", s.remote) }

func (s *Session) authTimeout() {
	s.mu.Lock()
	done := s.closed || s.phase == phaseBound
	s.mu.Unlock()
	if !done {
		s.Logger().Info("authentication timeout")
		s.Fail(stream.ConnectionTimeout)
	}
}

// Open handles a (re)opened stream addressed to host.
func (s *Session) Open(host string) error {
	if s.host != "" && host != s.host {
		return stream.HostUnknown
	}
	hc, ok := s.env.Hosts[host]
	if !ok {
		return stream.HostUnknown
	}
	s.host, s.hcfg = host, hc
	s.t.OpenStream(newID(), host, s.features())
	return nil
}

// Handle processes one top-level element.
func (s *Session) Handle(e *xmpp.Element) (Action, error) {
	if r := s.resumed; r != nil {
		return r.Handle(e)
	}
	s.env.Count.StanzasIn.Add(1)
	if s.host == "" {
		return Continue, stream.BadFormat
	}
	switch s.phase {
	case phaseAuth:
		return s.handleAuth(e)
	case phaseBind:
		if e.Is(xmpp.NSSM, "resume") {
			return Continue, s.resume(e)
		}
		return Continue, s.handleBind(e)
	default:
		return Continue, s.handleStanza(e)
	}
}

// Deliver queues a routed stanza for the client (router.Sink).
func (s *Session) Deliver(e *xmpp.Element) bool {
	t, hibernating, ask := s.trackOut(e)
	if hibernating {
		return true
	}
	if !t.Send(e) {
		// Only the first refused stanza fails the session: a closing
		// connection refuses every stanza routed to it until it unbinds.
		if s.refused.CompareAndSwap(false, true) {
			s.Logger().Warn("outgoing queue full or connection closed; closing")
			go s.Fail(stream.PolicyViolation)
		}
		return false
	}
	if ask {
		t.Send(smElement("r"))
	}
	s.env.Count.StanzasOut.Add(1)
	return true
}

// Fail ends the session with a stream error.
func (s *Session) Fail(err error) {
	if r := s.resumed; r != nil {
		s.t.Close(err)
		r.Fail(err)
		return
	}
	var se stream.Error
	if errors.As(err, &se) {
		s.env.Count.StreamErrors.Add(1)
	}
	s.mu.Lock()
	t := s.t
	s.mu.Unlock()
	t.Close(err)
	s.Closed()
}

// Closed releases the session's registrations; the framing calls it when
// the connection ends. It is idempotent.
func (s *Session) Closed() {
	if r := s.resumed; r != nil {
		r.Closed()
		return
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	s.sm.hibernating = false
	if s.timer != nil {
		s.timer.Stop()
	}
	directed := s.directed
	s.directed = nil
	wasAvail := s.avail
	bound := s.phase == phaseBound
	s.mu.Unlock()
	s.env.Count.Connections.Add(-1)
	if s.sm.id != "" {
		s.env.Resume.take(s.sm.id)
	}
	if bound {
		s.goOffline(directed, wasAvail)
		s.env.Router.Unbind(s.jid)
	}
}

func (s *Session) setPhase(p phase) {
	s.mu.Lock()
	s.phase = p
	s.mu.Unlock()
}

func newID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
