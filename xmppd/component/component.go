// Package component serves XEP-0114 external components: a component
// connects, authenticates with SHA-1(stream id + shared secret) and then owns
// its domain in the router until it disconnects. A component for a domain
// that has a native service (the focus.D client proxy) replaces that service
// while connected and restores it afterwards.
package component

import (
	"context"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"

	"github.com/jitsi-go/jitsi-go/xmppd/router"
)

// Errors returned by the component listener.
var (
	ErrUnknownComponent = errors.New("component: unknown component name")
	ErrBadHandshake     = errors.New("component: bad handshake")
)

// Listener accepts component connections.
type Listener struct {
	ln        net.Listener
	r         *router.Router
	secrets   map[string]string
	log       *slog.Logger
	maxStanza int64
	queueLen  int
	mu        sync.Mutex
	conns     map[*conn]struct{}
	wg        sync.WaitGroup
	// Connected counts live components.
	Connected atomic.Int64
}

// NewListener serves components on ln; secrets maps domain → shared secret.
func NewListener(ln net.Listener, r *router.Router, secrets map[string]string, maxStanza int64, log *slog.Logger) *Listener {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Listener{ln: ln, r: r, secrets: secrets, log: log, maxStanza: maxStanza, queueLen: 4096,
		conns: map[*conn]struct{}{}}
}

// Addr returns the listening address.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// Serve accepts until the listener closes.
func (l *Listener) Serve() error {
	for {
		nc, err := l.ln.Accept()
		if err != nil {
			return err
		}
		c := newConn(l, nc)
		l.mu.Lock()
		l.conns[c] = struct{}{}
		l.mu.Unlock()
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			c.serve()
			l.mu.Lock()
			delete(l.conns, c)
			l.mu.Unlock()
		}()
	}
}

// Shutdown closes the listener and every component stream.
func (l *Listener) Shutdown(ctx context.Context) error {
	_ = l.ln.Close()
	l.mu.Lock()
	for c := range l.conns {
		c.close(errShutdown)
	}
	l.mu.Unlock()
	done := make(chan struct{})
	go func() { l.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// handshakeOK checks the XEP-0114 digest in constant time.
func handshakeOK(streamID, secret, digest string) bool {
	return subtle.ConstantTimeCompare([]byte(digestOf(streamID, secret)), []byte(digest)) == 1
}

func digestOf(streamID, secret string) string {
	sum := sha1.Sum([]byte(streamID + secret))
	return hex.EncodeToString(sum[:])
}
