// Package participant is a test participant that behaves on the wire like
// lib-jitsi-meet in a JVB conference, for the focus's integration tests and
// cmd/loadtest.
//
// Join is the whole client: it logs in over WebSocket, BOSH or c2s (package
// xmpp), sends the conference IQ until the focus is ready (retrying on an
// injectable clock), joins the MUC with the stock client's presence
// (stats-id, caps with the jitsi-meet node, nick, SourceInfo, codec list),
// answers disco#info with the stock feature set, and handles Jingle as
// strophe.jingle.js does (Handler: every set acknowledged at once, errors for
// unknown sessions, duplicate initiates and unknown actions, transport-replace
// ignored, a fresh Session per session-initiate so re-invites work). It opens
// the bridge channel (package bridgechan) over the SCTP data channel when
// one was negotiated, else the colibri websocket, and sends
// ReceiverVideoConstraints.
//
// Session is the media half: it takes a session-initiate, builds the remote
// description the way lib-jitsi-meet does (package jinglesdp), answers with a
// pion PeerConnection, and returns the session-accept with its own sources
// named <endpoint>-a0 / <endpoint>-v0 (SIM and FID groups with simulcast). It
// applies source-add, source-remove and transport-info by renegotiating,
// sends synthetic audio and video (package media), counts what it receives
// per remote SSRC, and records the join timings a load test reports. With
// Config.OwnSocket its ICE runs over one UDP socket it owns, which
// Session.CutNetwork drops traffic on for a while or closes for good (the
// load test's network cuts).
package participant
