// Package local answers the IQs a server handles itself for its hosts and
// accounts: disco#info and disco#items, XEP-0199 ping, software version and a
// minimal roster with presence subscriptions between local accounts.
package local

import (
	"sort"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
	"mellium.im/xmpp/jid"
)

// Services lists the extra domains advertised in disco#items of a host
// (MUC and proxy names), with their disco identity.
type Services map[string]Identity

// Identity is a disco identity.
type Identity struct{ Category, Type, Name string }

// Register installs the handlers on r.
func Register(r *router.Router, svcs Services, roster *Roster) {
	r.HandleIQ(xmpp.NSPing, "ping", func(iq *xmpp.Element, _, _ jid.JID) *xmpp.Element {
		return xmpp.Result(iq, nil)
	})
	r.HandleIQ(xmpp.NSDiscoInfo, "query", discoInfo)
	r.HandleIQ(xmpp.NSDiscoItem, "query", func(iq *xmpp.Element, _, to jid.JID) *xmpp.Element {
		return discoItems(iq, to, svcs)
	})
	r.HandleIQ("jabber:iq:version", "query", func(iq *xmpp.Element, _, _ jid.JID) *xmpp.Element {
		q := xmpp.NewElement("jabber:iq:version", "query").Add(
			xmpp.NewElement("jabber:iq:version", "name").AddText("xmppd"),
			xmpp.NewElement("jabber:iq:version", "version").AddText("0.1"))
		return xmpp.Result(iq, q)
	})
	roster.register(r)
}

var serverFeatures = []string{xmpp.NSDiscoInfo, xmpp.NSDiscoItem, xmpp.NSPing, xmpp.NSRoster,
	"jabber:iq:version", "urn:xmpp:features:rosterver"}

func discoInfo(iq *xmpp.Element, _, to jid.JID) *xmpp.Element {
	q := xmpp.NewElement(xmpp.NSDiscoInfo, "query")
	if n := iq.FirstChild().Get("node"); n != "" {
		q.SetAttr("node", n)
	}
	if to.Localpart() != "" {
		q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "identity", "category", "account", "type", "registered"))
		return xmpp.Result(iq, q)
	}
	q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "identity", "category", "server", "type", "im", "name", "xmppd"))
	for _, f := range serverFeatures {
		q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "feature", "var", f))
	}
	return xmpp.Result(iq, q)
}

func discoItems(iq *xmpp.Element, to jid.JID, svcs Services) *xmpp.Element {
	q := xmpp.NewElement(xmpp.NSDiscoItem, "query")
	if to.Localpart() == "" {
		names := make([]string, 0, len(svcs))
		for n := range svcs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			q.Add(xmpp.NewElement(xmpp.NSDiscoItem, "item", "jid", n, "name", svcs[n].Name))
		}
	}
	return xmpp.Result(iq, q)
}
