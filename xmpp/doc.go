// Package xmpp is the client-side XMPP layer shared by focus, bridge and the
// xmppd server.
//
// It holds a small element tree (Element) that passes unknown extensions
// through untouched, a hardened stream reader with size and depth limits,
// transport framers for RFC 6120 TCP streams and RFC 7395 WebSocket, and a
// Client that logs in over TCP (STARTTLS + SASL), WebSocket or BOSH and
// matches IQ requests to responses by id with a context.
//
// JIDs, SASL mechanisms, stanza and stream error values come from
// mellium.im/xmpp, mellium.im/sasl and mellium.im/xmlstream; this package only
// adds what mellium's Session does not offer: one stanza per WebSocket frame,
// BOSH bodies and a DOM that routers can rewrite.
package xmpp
