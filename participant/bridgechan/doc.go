// Package bridgechan is the client side of the bridge channel over the colibri
// websocket (jitsi-protocol.md section 5), as lib-jitsi-meet's BridgeChannel
// speaks it: it waits for ServerHello, sends ReceiverVideoConstraints and
// EndpointMessage, and keeps the latest ForwardedSources and dominant speaker
// while handing every message to the caller on a bounded channel.
package bridgechan
