package bridge

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"nhooyr.io/websocket"
)

// wsPathRoot is the first path element of the colibri web socket URL.
const wsPathRoot = "colibri-ws"

// wsQueueLen bounds the messages waiting for one web socket.
const wsQueueLen = 256

// WebSocketHandler serves /colibri-ws/<server-id>/<conference>/<endpoint>?pwd=
// (jvb ColibriWebSocketServlet): 404 for a bad path or server id, 403
// "authentication failed" for an unknown conference, endpoint or password.
func (b *Bridge) WebSocketHandler() http.Handler { return http.HandlerFunc(b.serveWebSocket) }

func (b *Bridge) serveWebSocket(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/"+wsPathRoot+"/")
	ids := strings.Split(rest, "/")
	if !ok || !b.cfg.WebSockets || len(ids) < 3 {
		http.Error(w, "invalid path", http.StatusNotFound)
		return
	}
	if ids[0] != b.cfg.ServerID {
		http.Error(w, "server ID mismatch", http.StatusNotFound)
		return
	}
	_, ep := b.lookup(ids[1], ids[2])
	pwd, _ := strings.CutPrefix(r.URL.RawQuery, "pwd=")
	if ep == nil || !strings.HasPrefix(r.URL.RawQuery, "pwd=") || subtle.ConstantTimeCompare([]byte(pwd), []byte(ep.pwd)) != 1 {
		http.Error(w, "authentication failed", http.StatusForbidden)
		return
	}
	opts := &websocket.AcceptOptions{InsecureSkipVerify: true} // browsers connect through the web server's origin
	if b.cfg.Compression {
		opts.CompressionMode = websocket.CompressionNoContextTakeover
	}
	conn, err := websocket.Accept(w, r, opts)
	if err != nil {
		ep.log.Debug("web socket upgrade failed", "err", err)
		return
	}
	conn.SetReadLimit(MaxMessageSize)
	ws := newWSConn(b, conn)
	ws.enqueue(b.serverHello())
	ep.attach(ws)
	if _, cur := b.lookup(ids[1], ids[2]); cur != ep { // expired while upgrading
		ep.detach(ws)
		ws.close(websocket.StatusGoingAway, "endpoint closed")
	}
	ep.log.Info("bridge channel connected", "remote", r.RemoteAddr)
	go ws.writeLoop()
	ws.readLoop(ep)
	ep.detach(ws)
	ws.close(websocket.StatusNormalClosure, "")
	<-ws.writerDone
}

// wsConn is one bridge channel web socket: the handler goroutine reads,
// writeLoop writes queued messages, pings and closes.
type wsConn struct {
	b          *Bridge
	conn       *websocket.Conn
	ctx        context.Context
	cancel     context.CancelFunc
	queue      chan []byte
	closeOnce  sync.Once
	closeReq   chan closeRequest
	writerDone chan struct{}
	lastRead   atomic.Int64 // Unix ns, bridge clock
}

type closeRequest struct {
	code   websocket.StatusCode
	reason string
}

func newWSConn(b *Bridge, conn *websocket.Conn) *wsConn {
	ws := &wsConn{
		b: b, conn: conn, queue: make(chan []byte, wsQueueLen),
		closeReq: make(chan closeRequest, 1), writerDone: make(chan struct{}),
	}
	ws.ctx, ws.cancel = context.WithCancel(b.ctx)
	ws.lastRead.Store(b.cfg.Clock.Now().UnixNano())
	return ws
}

// enqueue queues msg without blocking; false when the queue is full.
func (ws *wsConn) enqueue(msg []byte) bool {
	select {
	case ws.queue <- msg:
		return true
	default:
		return false
	}
}

// close asks the writer to close the socket; it never blocks.
func (ws *wsConn) close(code websocket.StatusCode, reason string) {
	ws.closeOnce.Do(func() { ws.closeReq <- closeRequest{code, reason} })
}

func (ws *wsConn) readLoop(ep *endpoint) {
	for {
		typ, data, err := ws.conn.Read(ws.ctx)
		if err != nil {
			return
		}
		ws.lastRead.Store(ws.b.cfg.Clock.Now().UnixNano())
		if typ == websocket.MessageText {
			ws.b.handleMessage(ep, data)
		}
	}
}

func (ws *wsConn) writeLoop() {
	defer close(ws.writerDone)
	defer ws.cancel()
	clk, cfg := ws.b.cfg.Clock, &ws.b.cfg
	var tick <-chan time.Time
	if cfg.KeepaliveInterval > 0 {
		tick = clk.After(cfg.KeepaliveInterval)
	}
	for {
		select {
		case msg := <-ws.queue:
			if err := ws.conn.Write(ws.ctx, websocket.MessageText, msg); err != nil {
				return
			}
		case req := <-ws.closeReq:
			_ = ws.conn.Close(req.code, req.reason)
			return
		case <-ws.ctx.Done():
			_ = ws.conn.Close(websocket.StatusGoingAway, "bridge closed")
			return
		case <-tick:
			if !ws.keepalive() {
				_ = ws.conn.Close(websocket.StatusPolicyViolation, "idle timeout")
				return
			}
			tick = clk.After(cfg.KeepaliveInterval)
		}
	}
}

// keepalive pings the client and checks the idle timeout; false when the
// socket should be closed.
func (ws *wsConn) keepalive() bool {
	ctx, cancel := context.WithTimeout(ws.ctx, 5*time.Second)
	err := ws.conn.Ping(ctx)
	cancel()
	now := ws.b.cfg.Clock.Now()
	if err == nil {
		ws.lastRead.Store(now.UnixNano())
	}
	return now.Sub(time.Unix(0, ws.lastRead.Load())) < ws.b.cfg.IdleTimeout
}
