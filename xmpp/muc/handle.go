package muc

import (
	"fmt"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// handle processes one stanza the Mux routed to r, on the reader goroutine.
func (r *Room) handle(e *xmpp.Element) {
	if e.Local == "message" {
		if r.opts.OnMessage != nil {
			r.opts.OnMessage(e)
		}
		return
	}
	if e.Get("type") == "error" {
		r.handleError(e)
		return
	}
	o, st, ok := parseOccupant(e)
	if !ok {
		return
	}
	r.mu.Lock()
	self := st.codes["110"] || o.OccupantJID == r.selfJID
	r.mu.Unlock()
	if self {
		r.handleSelf(e, o, st)
		return
	}
	r.handleOther(e, o, st)
}

// handleError fails a pending join; an error presence after the join (a
// refused presence update) leaves the room state unchanged.
func (r *Room) handleError(e *xmpp.Element) {
	r.mu.Lock()
	joining := r.joining
	r.mu.Unlock()
	if joining {
		r.finish(xmpp.StanzaError(e))
	}
}

func (r *Room) handleSelf(e *xmpp.Element, o Occupant, st mucStatus) {
	if e.Get("type") == "unavailable" {
		why := fmt.Errorf("%w: %s: left", ErrNotInRoom, r.jid)
		if st.codes["307"] {
			why = fmt.Errorf("%w: %s: kicked", ErrNotInRoom, r.jid)
		} else if st.destroyed {
			why = fmt.Errorf("%w: %s: destroyed", ErrNotInRoom, r.jid)
		}
		r.finish(why)
		return
	}
	r.mu.Lock()
	r.self, r.selfJID = o, o.OccupantJID
	joining := r.joining
	r.joining = false
	r.mu.Unlock()
	if joining {
		r.joined <- st.codes["201"]
	}
}

func (r *Room) handleOther(e *xmpp.Element, o Occupant, st mucStatus) {
	ev := Event{Occupant: o, Kicked: st.codes["307"], Destroyed: st.destroyed}
	r.mu.Lock()
	_, had := r.occupants[o.Nick]
	switch {
	case e.Get("type") == "unavailable":
		delete(r.occupants, o.Nick)
		ev.Kind = OccupantLeft
	case had:
		r.occupants[o.Nick] = o
		ev.Kind = OccupantUpdated
	default:
		r.occupants[o.Nick] = o
		ev.Kind = OccupantJoined
	}
	r.mu.Unlock()
	if ev.Kind == OccupantLeft && !had {
		return
	}
	if r.opts.OnEvent != nil {
		r.opts.OnEvent(ev)
	}
}
