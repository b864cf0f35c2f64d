// Package xmppapi is the XMPP side of the Go jicofo: it connects the
// conference core (package focus) and the bridge registry (package brewery)
// to an XMPP server the way jicofo does.
//
// A Service keeps two connections:
//
//   - the client session focus@auth.<domain> (resource "focus"), jicofo's
//     Client connection: it is available, accepts the presence subscription
//     of the client_proxy focus.<domain>, joins every conference room as nick
//     "focus" and the brewery room, carries Jingle to the occupants and
//     Colibri2 and health checks to the bridges, and answers the conference
//     IQ that the client_proxy forwards (the requester is unwrapped from the
//     resource of focus.<domain>/<original-full-jid>);
//   - optionally an XEP-0114 external component focus.<domain>, for stock
//     prosody without mod_client_proxy: it only answers the conference IQ,
//     and the room is joined over the client session.
//
// Per conference room a room session joins the MUC (whois=anyone), reads
// muc#roominfo_meetingId, starts a focus.Conference and feeds it the
// occupants (presence extensions and disco#info features, cached by caps
// ver), their Jingle and mute IQs, one ordered queue per occupant; it grants
// owner to the first participant and keeps the focus's own presence
// (conference-properties, bridgeNotAvailable, versions) up to date.
//
// The REST handler serves jicofo's /about/health, /about/version, /stats,
// /metrics and POST /conference-request/v1.
package xmppapi
