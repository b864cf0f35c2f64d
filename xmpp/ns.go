package xmpp

import "encoding/xml"

// Namespaces used by the stream layer and the Jitsi stack.
const (
	NSClient    = "jabber:client"
	NSComponent = "jabber:component:accept"
	NSStream    = "http://etherx.jabber.org/streams"
	NSStreamErr = "urn:ietf:params:xml:ns:xmpp-streams"
	NSStanzaErr = "urn:ietf:params:xml:ns:xmpp-stanzas"
	NSTLS       = "urn:ietf:params:xml:ns:xmpp-tls"
	NSSASL      = "urn:ietf:params:xml:ns:xmpp-sasl"
	NSBind      = "urn:ietf:params:xml:ns:xmpp-bind"
	NSSession   = "urn:ietf:params:xml:ns:xmpp-session"
	NSFraming   = "urn:ietf:params:xml:ns:xmpp-framing"
	NSBOSH      = "http://jabber.org/protocol/httpbind"
	NSXBOSH     = "urn:xmpp:xbosh"
	NSSM        = "urn:xmpp:sm:3"
	NSPing      = "urn:xmpp:ping"
	NSRoster    = "jabber:iq:roster"
	NSDiscoInfo = "http://jabber.org/protocol/disco#info"
	NSDiscoItem = "http://jabber.org/protocol/disco#items"
	NSMUC       = "http://jabber.org/protocol/muc"
	NSMUCUser   = "http://jabber.org/protocol/muc#user"
	NSMUCAdmin  = "http://jabber.org/protocol/muc#admin"
	NSMUCOwner  = "http://jabber.org/protocol/muc#owner"
	NSData      = "jabber:x:data"
	NSXML       = "http://www.w3.org/XML/1998/namespace"
)

type (
	xmlAttrT = xml.Attr
	xmlName  = xml.Name
)
