// Package xmppapi is the bridge's XMPP side, the part of jitsi-videobridge
// that jicoco's MucClient and jvb's XmppConnection implement: for every
// configured xmpp-client (jvb.conf videobridge.apis.xmpp-client.configs.<id>)
// it logs in over c2s TCP (STARTTLS, certificate verification unless
// disable_certificate_verification), joins every muc_jids room (the
// brewery) as muc_nickname with the colibri <stats/> presence, and re-sends
// that presence every presence-interval on an injectable clock.
//
// It answers, on each connection:
//   - http://jitsi.org/protocol/healthcheck: the bridge's real health check
//     (result, or internal-server-error with the reason);
//   - jabber:iq:version and disco#info (features healthcheck, DTLS,
//     ICE-UDP, jabber:iq:version, ping);
//   - jitsi:colibri2 conference-modify (sets only), in arrival order on one
//     worker per connection with a bounded queue;
//   - XEP-0199 ping (answered by package xmpp); every other IQ get or set
//     gets service-unavailable.
//
// Trust: like jvb, the XMPP side accepts Colibri2 from whoever can reach
// the bridge's JID, in practice the occupants of the brewery room (an IQ
// routed through the MUC arrives from the sender's occupant JID,
// JvbBrewery@internal.auth.<domain>/<nick>). Restricting the senders is the
// bridge's job: bridge.Config.TrustedJIDs (cmd/bridge -trusted-jids) lists
// full or bare JIDs, e.g. the focus's brewery occupant
// "jvbbrewery@internal.auth.meet.example.com/focus"; the default (empty)
// accepts every sender, as jvb does. Refused requests get forbidden.
//
// The connection is kept alive with a server ping every PingInterval; a
// lost connection, a failed join or a lost room ends the session, and the
// client reconnects with capped exponential backoff and rejoins. Stop first
// publishes graceful_shutdown/shutting_down, then leaves every room and
// closes the connections: the daemon calls it before closing endpoints.
//
// Nothing here imports package bridge: the bridge is reached through the
// small Bridge interface.
package xmppapi
