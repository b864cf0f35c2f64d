// Package muc is the client side of XEP-0045 Multi-User Chat on top of
// package xmpp: joining rooms (with a password, presence extensions and the
// owner form when the join created the room), tracking the other occupants
// with their whole last presence, re-sending our presence, the room's
// disco#info form, owner configuration and affiliations, and leaving.
//
// A Mux routes the presence and groupchat stanzas of the rooms joined
// through it; it is installed as (or called from) xmpp.Config.OnStanza.
// Occupant events are delivered in stanza order on the client's reader
// goroutine. The package never logs: every failure comes back as an error,
// room errors as the server's mellium stanza.Error (match with errors.As).
package muc
