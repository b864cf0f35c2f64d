package local

import (
	"sort"
	"sync"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

// Roster is an in-memory roster of local accounts: enough for presence
// subscriptions between local users (the focus accepting a subscription).
// It is kept for the life of the process.
type Roster struct {
	mu    sync.Mutex
	items map[string]map[string]string // owner bare → contact bare → subscription
	r     *router.Router
}

// NewRoster returns an empty roster.
func NewRoster() *Roster { return &Roster{items: map[string]map[string]string{}} }

func (ro *Roster) register(r *router.Router) {
	ro.r = r
	r.HandleIQ(xmpp.NSRoster, "query", ro.handleIQ)
	r.SetPresenceHook(ro.presence)
}

func (ro *Roster) handleIQ(iq *xmpp.Element, from, to jid.JID) *xmpp.Element {
	if !from.Bare().Equal(to.Bare()) {
		return xmpp.ErrorReply(iq, stanza.Error{Type: stanza.Auth, Condition: stanza.Forbidden})
	}
	if iq.Get("type") == "set" {
		item := iq.FirstChild().Child(xmpp.NSRoster, "item")
		if item != nil && item.Get("subscription") == "remove" {
			ro.mu.Lock()
			delete(ro.items[from.Bare().String()], item.Get("jid"))
			ro.mu.Unlock()
		} else if item != nil {
			ro.set(from.Bare().String(), item.Get("jid"), "")
		}
		return xmpp.Result(iq, nil)
	}
	q := xmpp.NewElement(xmpp.NSRoster, "query")
	ro.mu.Lock()
	contacts := ro.items[from.Bare().String()]
	names := make([]string, 0, len(contacts))
	for c := range contacts {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		q.Add(xmpp.NewElement(xmpp.NSRoster, "item", "jid", c, "subscription", contacts[c]))
	}
	ro.mu.Unlock()
	return xmpp.Result(iq, q)
}

// set merges a subscription state; "" only ensures the item exists.
func (ro *Roster) set(owner, contact, sub string) {
	ro.mu.Lock()
	defer ro.mu.Unlock()
	m := ro.items[owner]
	if m == nil {
		m = map[string]string{}
		ro.items[owner] = m
	}
	old := m[contact]
	if old == "" {
		old = "none"
	}
	switch {
	case sub == "":
		m[contact] = old
	case (sub == "to" && old == "from") || (sub == "from" && old == "to") || old == "both":
		m[contact] = "both"
	default:
		m[contact] = sub
	}
}

// presence handles subscription stanzas to local bare JIDs.
func (ro *Roster) presence(p *xmpp.Element, from, to jid.JID) bool {
	switch p.Get("type") {
	case "subscribed":
		ro.set(from.Bare().String(), to.Bare().String(), "from")
		ro.set(to.Bare().String(), from.Bare().String(), "to")
	case "subscribe", "unsubscribe", "unsubscribed":
	case "probe":
		return true
	default:
		return false
	}
	for _, j := range ro.r.Available(to.Bare()) {
		c := p.ShallowCopy()
		c.SetAttr("from", from.Bare().String())
		c.SetAttr("to", j.String())
		ro.r.Route(c)
	}
	return true
}
