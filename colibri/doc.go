// Package colibri holds the XML wire types a Go jicofo ("focus") and a Go
// jitsi-videobridge ("bridge") exchange, with namespaces exactly as Jitsi
// writes them:
//
//   - brewery presence statistics (<stats xmlns="http://jitsi.org/protocol/colibri">)
//     and the health-check IQ a focus sends a bridge;
//   - the focus conference IQ a client sends to open a conference, the mute
//     IQs of the audio, video and desktop namespaces, and the presence
//     extensions the focus adds in a conference room;
//   - Colibri2 (jitsi:colibri2) conference-modify / conference-modified with
//     endpoints, relays, media, transports and sources, and the Colibri2
//     error extension carried in a stanza error.
//
// The Jingle elements Colibri2 reuses (payload types, header extensions,
// ICE-UDP transport, SSMA sources) come from package jingle. Elements a type
// does not know are kept as xmlx.Raw so they survive a decode→encode round
// trip, and never fail a decode.
//
// IQ and Presence wrap a payload in a stanza envelope from
// mellium.im/xmpp/stanza; Error carries a stanza error together with the
// Colibri2 reason so callers can match it with errors.Is and errors.As.
package colibri

// Namespaces, exactly as Jitsi writes them.
const (
	NSClient      = "jabber:client"
	NSStanzas     = "urn:ietf:params:xml:ns:xmpp-stanzas"
	NSColibri     = "http://jitsi.org/protocol/colibri"
	NSColibri2    = "jitsi:colibri2"
	NSHealthCheck = "http://jitsi.org/protocol/healthcheck"
	NSFocus       = "http://jitsi.org/protocol/focus"
	NSJitMeet     = "http://jitsi.org/jitmeet"
	NSMuteAudio   = "http://jitsi.org/jitmeet/audio"
	NSMuteVideo   = "http://jitsi.org/jitmeet/video"
	NSMuteDesktop = "http://jitsi.org/jitmeet/desktop"
)
