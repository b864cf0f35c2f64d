package xmppapi

import (
	"context"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// eventKind is what happened to an occupant.
type eventKind int

const (
	evJoined eventKind = iota + 1
	evUpdated
	evLeft
)

// occEvent is an occupant event of a joined room, in this package's terms.
type occEvent struct {
	kind                                  eventKind
	nick, jid, realJID, role, affiliation string
	presence                              *xmpp.Element
}

// mucRoom is what a room session needs of a joined room (a *muc.Room).
type mucRoom interface {
	presenceSetter
	Info(ctx context.Context) (map[string][]string, error)
	SetAffiliation(ctx context.Context, bareJID, affiliation string) error
	Leave(ctx context.Context) error
	Done() <-chan struct{}
}

// joinOptions describe one room join.
type joinOptions struct {
	nick      string
	ext       []*xmpp.Element
	configure map[string][]string
	onEvent   func(occEvent)
}

// joinFunc joins a room and reports its occupants through onEvent.
type joinFunc func(ctx context.Context, room string, o joinOptions) (mucRoom, error)

// router hands MUC stanzas to the muc.Mux and the rest (presence
// subscriptions) to the session.
type router struct {
	sess *session
	mux  *muc.Mux
}

func newRouter(sess *session) *router { return &router{sess: sess, mux: muc.NewMux()} }

// onStanza is the client's OnStanza: it runs on the reader goroutine.
func (r *router) onStanza(e *xmpp.Element) {
	if r.mux.Handle(e) {
		return
	}
	if e.Local == "presence" {
		r.sess.onPresence(e)
	}
}

// join returns the joinFunc of client c.
func (r *router) join(c *xmpp.Client) joinFunc {
	return func(ctx context.Context, room string, o joinOptions) (mucRoom, error) {
		joined, err := r.mux.Join(ctx, c, room, muc.Options{
			Nick: o.nick, Extensions: o.ext, Configure: o.configure, ConfigureAlways: o.configure != nil,
			OnEvent: func(ev muc.Event) { o.onEvent(fromMUC(ev)) },
		})
		if err != nil {
			return nil, err
		}
		return joined, nil
	}
}

func fromMUC(ev muc.Event) occEvent {
	kinds := map[muc.EventKind]eventKind{muc.OccupantJoined: evJoined, muc.OccupantUpdated: evUpdated, muc.OccupantLeft: evLeft}
	o := ev.Occupant
	return occEvent{kind: kinds[ev.Kind], nick: o.Nick, jid: o.OccupantJID, realJID: o.RealJID,
		role: o.Role, affiliation: o.Affiliation, presence: o.Presence}
}
