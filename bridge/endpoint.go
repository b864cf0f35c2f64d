package bridge

import (
	"log/slog"
	"sync"
	"time"

	"nhooyr.io/websocket"

	"github.com/jitsi-go/jitsi-go/sfu"
)

// endpoint is the bridge's view of one participant: its SFU endpoint, its
// bridge channel and the receiver state sent over that channel.
type endpoint struct {
	id      string
	statsID string
	conf    *conference
	sep     *sfu.Endpoint
	visitor bool
	log     *slog.Logger
	pwd     string // bridge channel password
	b       *Bridge

	chMu sync.Mutex
	ws   *wsConn

	stMu        sync.Mutex
	rvc         constraintsState
	clientLastN bool     // the client set its own last-N
	lastNEps    []string // last LastNEndpointsChangeEvent sent
	videoTypes  map[string]string
}

func (b *Bridge) newEndpoint(c *conference, id, statsID string, sep *sfu.Endpoint, visitor bool) *endpoint {
	ep := &endpoint{
		id: id, statsID: statsID, conf: c, sep: sep, visitor: visitor, b: b,
		pwd: sep.Local().ChannelPassword,
		log: c.log.With("endpoint", id),
		rvc: newConstraintsState(),
	}
	return ep
}

// shouldExpire is jvb's Endpoint.shouldExpire: ICE failed, or no incoming
// media (or, never connected, no creation) for the timeout.
func (ep *endpoint) shouldExpire(now time.Time, timeout time.Duration) bool {
	return ep.sep.State() == sfu.TransportFailed || now.Sub(ep.sep.LastActivity()) >= timeout
}

// attach makes ws the endpoint's bridge channel; an older one is closed
// with "replaced".
func (ep *endpoint) attach(ws *wsConn) {
	ep.chMu.Lock()
	old := ep.ws
	ep.ws = ws
	ep.chMu.Unlock()
	if old != nil {
		old.close(websocket.StatusNormalClosure, "replaced")
	}
}

// detach forgets ws if it is still the endpoint's channel.
func (ep *endpoint) detach(ws *wsConn) {
	ep.chMu.Lock()
	if ep.ws == ws {
		ep.ws = nil
	}
	ep.chMu.Unlock()
}

func (ep *endpoint) closeChannel(code websocket.StatusCode, reason string) {
	ep.chMu.Lock()
	ws := ep.ws
	ep.ws = nil
	ep.chMu.Unlock()
	if ws != nil {
		ws.close(code, reason)
	}
}

// send queues a JSON message on the endpoint's bridge channel; without a
// channel the message is dropped, as jvb does.
func (ep *endpoint) send(msg []byte) {
	ep.chMu.Lock()
	ws := ep.ws
	ep.chMu.Unlock()
	if ws == nil || !ws.enqueue(msg) {
		ep.b.totals.wsDropped.Add(1)
		return
	}
	ep.b.totals.wsSent.Add(1)
}

// setInitialLastN applies Colibri2 initial-last-n unless the client has
// already chosen its own.
func (ep *endpoint) setInitialLastN(n int) {
	ep.stMu.Lock()
	defer ep.stMu.Unlock()
	if !ep.clientLastN {
		ep.applyLastNLocked(n)
	}
}

// applyLastNLocked sets the receiver's last-N. jvb keeps one value that
// both LastNChangedEvent and ReceiverVideoConstraints write; once
// constraints exist it travels with them (the SFU's SetLastN reads 0 as
// unlimited, the constraints read it as "no video", as jvb does).
func (ep *endpoint) applyLastNLocked(n int) {
	ep.rvc.lastN = n
	if ep.rvc.received {
		ep.sep.SetReceiverConstraints(ep.rvc.sfu())
		return
	}
	ep.sep.SetLastN(n)
}
