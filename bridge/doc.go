// Package bridge is the inside of the jitsi-videobridge drop-in (cmd/bridge):
// it translates Colibri2 conference-modify requests into calls on the media
// plane (package sfu), runs the bridge channel over the colibri web socket,
// publishes the brewery statistics, and serves the private REST API.
//
// The XMPP side is package bridge/xmppapi, which NewDaemon starts when
// DaemonOptions.XMPP is set and jvb.conf has xmpp-client configs: it passes
// every conference-modify IQ to Bridge.HandleColibri2, every health-check IQ
// to Bridge.HandleHealthCheck, and publishes Bridge.Stats in its brewery
// presence every interval. Nothing in this package itself speaks XMPP.
//
// Layout: bridge.go (lifecycle, event loop), colibri2*.go (the request
// handler and its translation), conference.go/endpoint.go (the bridge's
// view of conferences), expiry.go (entity expiration on the injected
// clock), channel*.go, constraints.go and websocket.go (the bridge
// channel), events.go (SFU events to clients), stats.go, rest.go and
// metrics.go (operations surface), daemon.go (jvb.conf to a running
// bridge with its HTTP listeners, used by cmd/bridge).
package bridge
