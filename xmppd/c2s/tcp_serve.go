package c2s

import (
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
		go l.serveConn(conn)
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

// serveConn is the connection's reader goroutine. It and readLoop keep
// their own frames small (setup and teardown live in open, finish and
// openStream) because they sit under every blocking read: an idle reader
// using less than a quarter of its stack gets it halved by the GC, and
// that stack is most of what an idle connection holds.
func (l *Listener) serveConn(conn net.Conn) {
	defer l.wg.Done()
	c, s := l.open(conn)
	err := c.readLoop(s)
	l.finish(c, s, err)
}

func (l *Listener) open(conn net.Conn) (*tcpConn, *Session) {
	c := newTCPConn(l.env, conn)
	s := NewSession(l.env, c, conn.RemoteAddr().String())
	l.mu.Lock()
	l.all[s] = struct{}{}
	l.mu.Unlock()
	return c, s
}

func (l *Listener) finish(c *tcpConn, s *Session, err error) {
	if se := ReadError(err); se != nil {
		s.Logger().Info("closing stream", "err", err, "stream_error", se)
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
	for {
		r, err := c.openStream(s)
		if err != nil {
			return err
		}
		if err := c.readStanzas(s, r); err != nil {
			return err
		}
	}
}

// openStream reads and checks a stream header and opens the session.
func (c *tcpConn) openStream(s *Session) (*xmpp.Reader, error) {
	r := xmpp.NewReader(c.br, c.env.Limits.MaxStanza)
	hdr, err := r.StreamStart()
	if err != nil {
		return nil, err
	}
	if err := checkHeader(hdr, c.ns); err != nil {
		return nil, err
	}
	return r, s.Open(attr(hdr.Attr, "to"))
}

// readStanzas returns nil when the stream must restart. Between stanzas
// it waits for input in c.br.await rather than inside the XML decoder,
// whose frames would keep an idle reader's stack at 8 KiB (see serveConn).
func (c *tcpConn) readStanzas(s *Session, r *xmpp.Reader) error {
	for {
		if err := c.br.await(); err != nil {
			return err
		}
		e, err := r.ReadElement()
		if err != nil {
			return err
		}
		if err := c.lim.wait(c.lim.take(r.LastSize()), c.done); err != nil {
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
			return c.startTLS()
		}
	}
}

// startTLS has the writer upgrade the socket after <proceed/> and waits
// for the handshake; nil means restart the stream over TLS.
func (c *tcpConn) startTLS() error {
	c.tlsDone = make(chan error, 1) // before the push: the writer sends on it
	if !c.push(outItem{startTLS: true}) {
		return net.ErrClosed
	}
	select {
	case err := <-c.tlsDone:
		if err != nil {
			return err
		}
	case <-c.done:
		return net.ErrClosed
	}
	c.br.release()
	c.br = newConnReader(c.raw)
	return nil
}
