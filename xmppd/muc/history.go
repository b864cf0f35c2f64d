package muc

import (
	"slices"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// Namespaces the history reads and writes.
const (
	nsDelay       = "urn:xmpp:delay"
	nsLegacyDelay = "jabber:x:delay"
	nsHints       = "urn:xmpp:hints"
	nsEME         = "urn:xmpp:eme:0"
	nsMarkers     = "urn:xmpp:chat-markers:0"
)

// defaultHistoryMessages is what a joiner that asks for nothing gets at most
// (prosody's muc#roomconfig_defaulthistorymessages default).
const defaultHistoryMessages = 20

// stampLayout is XEP-0082 DateTime in UTC with whole seconds, as prosody's
// util.datetime writes it.
const stampLayout = "2006-01-02T15:04:05Z"

// histEntry is one stored message: the stanza as the room received it (never
// modified afterwards; deliveries copy it shallowly), the occupant JID it is
// sent from, the Unix second it was stored and its size as prosody counts it
// for maxchars (serialised with an empty to and the delay element).
type histEntry struct {
	st    *xmpp.Element
	from  string
	at    int64
	chars int
}

// history is a room's message history, oldest first, at most length long.
type history struct {
	entries []histEntry
	length  int // muc#roomconfig_historylength after clamping
	defMsgs int // muc#roomconfig_defaulthistorymessages
}

// isHistoric is prosody's muc-message-is-historic rule: storage hints win,
// then a body, an EME payload or a chat marker make a message historic.
func isHistoric(e *xmpp.Element) bool {
	switch {
	case e.Child(nsHints, "no-store") != nil, e.Child(nsHints, "no-permanent-store") != nil:
		return false
	case e.Child(nsHints, "store") != nil, e.Child("", "body") != nil, e.Child(nsEME, "encryption") != nil:
		return true
	}
	for _, c := range e.Children() {
		if c.Space == nsMarkers {
			return true
		}
	}
	return false
}

// add stores e, sent from the occupant JID from by room at time now, and
// drops the oldest entries beyond the length.
func (h *history) add(e *xmpp.Element, from, room string, now time.Time) {
	if h.length <= 0 {
		h.entries = nil
		return
	}
	h.keep(h.length - 1)
	if len(h.entries) == cap(h.entries) { // grow up to the length, never past it
		grown := make([]histEntry, len(h.entries), min(max(2*cap(h.entries), 4), h.length))
		copy(grown, h.entries)
		h.entries = grown
	}
	h.entries = append(h.entries, histEntry{st: e, from: from, at: now.Unix(),
		chars: stanzaLen(e, from) + delayLen(room)})
}

// setLength changes the length; a smaller one drops the oldest entries now
// (prosody trims at the next stored message).
func (h *history) setLength(n int) {
	h.length = n
	h.keep(n)
	if cap(h.entries) > n && len(h.entries) > 0 {
		h.entries = slices.Clone(h.entries) // give back the room of the longer history
	}
}

// keep drops the oldest entries so that at most n remain.
func (h *history) keep(n int) {
	if n <= 0 {
		h.entries = nil
		return
	}
	if over := len(h.entries) - n; over > 0 {
		kept := copy(h.entries, h.entries[over:])
		clear(h.entries[kept:])
		h.entries = h.entries[:kept]
	}
}

// clear drops every entry (room destroyed).
func (h *history) clear() { h.entries = nil }

// delayElement is the XEP-0203 element a delivered entry carries.
func delayElement(room string, at int64) *xmpp.Element {
	return xmpp.NewElement(nsDelay, "delay", "from", room, "stamp", time.Unix(at, 0).UTC().Format(stampLayout))
}

// sendHistory queues the entries req selects for the joiner to.
func (r *Room) sendHistory(req historyRequest, to string, out *outbox) {
	room := r.jid.String()
	for _, ent := range req.pick(r.hist.entries, to, r.hist.defMsgs) {
		m := ent.st.ShallowCopy()
		m.SetAttr("from", ent.from)
		m.SetAttr("to", to)
		out.add(m.Add(delayElement(room, ent.at)))
	}
}
