package c2s

import (
	"bufio"
	"context"
	"errors"
	"net"
	"sync"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stream"
)

// Listener accepts c2s TCP connections.
type Listener struct {
	env *Env
	ln  net.Listener
	mu  sync.Mutex
	all map[*Session]struct{}
	wg  sync.WaitGroup
}

// NewListener serves c2s on ln with env; call Serve to start accepting.
func NewListener(env *Env, ln net.Listener) *Listener {
	return &Listener{env: env.Fill(), ln: ln, all: map[*Session]struct{}{}}
}

// Addr returns the listening address.
func (l *Listener) Addr() net.Addr { return l.ln.Addr() }

// Serve accepts connections until the listener is closed.
func (l *Listener) Serve() error {
	for {
		conn, err := l.ln.Accept()
		if err != nil {
			return err
		}
		if l.env.Count.Connections.Load() >= int64(l.env.Limits.MaxConns) {
			l.env.Count.Rejected.Add(1)
			l.env.Log.Warn("connection cap reached; refusing", "remote", conn.RemoteAddr().String())
			go refuse(conn)
			continue
		}
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			l.serveConn(conn)
		}()
	}
}

// refuse answers with a resource-constraint stream error.
func refuse(conn net.Conn) {
	_, _ = conn.Write([]byte(`<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='` +
		xmpp.NSStream + `' version='1.0'><stream:error><resource-constraint xmlns='` + xmpp.NSStreamErr +
		`'/></stream:error></stream:stream>`))
	_ = conn.Close()
}

// Shutdown stops accepting, ends every stream with system-shutdown and
// waits for the connection goroutines or ctx.
func (l *Listener) Shutdown(ctx context.Context) error {
	_ = l.ln.Close()
	l.mu.Lock()
	for s := range l.all {
		go s.Fail(stream.SystemShutdown)
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

func (l *Listener) serveConn(conn net.Conn) {
	c := newTCPConn(l.env, conn)
	s := NewSession(l.env, c, conn.RemoteAddr().String())
	l.mu.Lock()
	l.all[s] = struct{}{}
	l.mu.Unlock()
	go c.writeLoop()
	err := c.readLoop(s)
	if se := ReadError(err); se != nil {
		s.log.Info("closing stream", "err", err, "stream_error", se)
		s.Fail(se)
	} else {
		c.Close(nil)
		if errors.Is(err, xmpp.ErrStreamClosed) {
			s.Closed()
		} else {
			s.Lost()
		}
	}
	<-c.done
	l.mu.Lock()
	delete(l.all, s)
	l.mu.Unlock()
}

// readLoop reads stream headers and elements and feeds the session.
func (c *tcpConn) readLoop(s *Session) error {
	lim := newLimiter(c.env.Clock, c.env.Limits.RateBytes, c.env.Limits.RateBurst)
	for {
		r := xmpp.NewReader(c.br, c.env.Limits.MaxStanza)
		hdr, err := r.StreamStart()
		if err != nil {
			return err
		}
		if err := checkHeader(hdr, c.ns); err != nil {
			return err
		}
		if err := s.Open(attr(hdr.Attr, "to")); err != nil {
			return err
		}
		if err := c.readStanzas(s, r, lim); err != nil {
			return err
		}
	}
}

// readStanzas returns nil when the stream must restart.
func (c *tcpConn) readStanzas(s *Session, r *xmpp.Reader, lim *limiter) error {
	for {
		e, err := r.ReadElement()
		if err != nil {
			return err
		}
		if err := lim.wait(lim.take(r.LastSize()), c.done); err != nil {
			return err
		}
		act, err := s.Handle(e)
		if err != nil {
			return err
		}
		switch act {
		case Restart:
			return nil
		case StartTLS:
			c.push(outItem{startTLS: true})
			if err := <-c.tlsDone; err != nil {
				return err
			}
			c.br = bufio.NewReaderSize(c.raw, 8192)
			return nil
		}
	}
}
