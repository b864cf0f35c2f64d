// Package demo is the one-command demo (cmd/demo, README command 1): it
// runs xmppd, the focus and the bridge in one process with an embedded
// default configuration (conf/jicofo.conf and conf/jvb.conf, parsed with
// package config; SCTP off on both sides, the bridge channel is the colibri
// websocket), registers the focus and jvb accounts with passwords generated
// for the run, and serves a small web app (web/: room name, join, local and
// remote video tiles, mute buttons, participant list) built on the pinned
// lib-jitsi-meet and jQuery bundles of e2e/web/vendor.
//
// Everything listens on 127.0.0.1 except the bridge's media port, which is
// bound on 0.0.0.0 and advertises this machine's own interface addresses
// and 127.0.0.1 as host candidates (LocalHostAddrs), so a desktop browser
// on the same machine that hides its candidates behind mDNS names still
// reaches it (its checks arrive as peer-reflexive).
//
// The web app reaches xmppd's WebSocket and BOSH endpoints through a proxy
// on its own origin, so one URL is all a browser needs.
package demo
