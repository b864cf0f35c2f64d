// Package focus is the core of the Go jicofo: everything that decides what the
// focus sends to clients (Jingle) and to bridges (Colibri2), with the XMPP
// transport left behind small interfaces.
//
// One Conference runs one goroutine (its executor) that owns every piece of
// state of one MUC conference: its participants, their Jingle sessions, the
// sources each of them signals and has been signalled, and the Colibri2
// sessions on the bridges. Everything reaches the executor as an event
// (occupant joined or left, a Jingle IQ, a mute IQ, a bridge event, a timer,
// the outcome of an IQ the focus sent); the executor never waits for the
// network. Outgoing IQs leave through the Signaller (to occupants) and the
// BridgeClient (to bridges), on one ordered queue per participant and, on each
// bridge, one per endpoint behind the conference's creation, so IQs keep the
// order that matters while everything else proceeds in parallel.
//
// The pieces the executor uses are plain functions that can be tested alone:
//   - offer.go, codecs.go: the session-initiate offer (jicofo's
//     JingleOfferFactory, CodecUtil and ParticipantInviteRunnable.updateOffer);
//   - colibrireq.go, colibriresp.go: Colibri2 requests and replies
//     (jicofo's ColibriV2SessionManager);
//   - sourcemap.go, signaling.go: source validation and per-participant source
//     signalling (jicofo's ValidatingConferenceSourceMap and SourceSignaling);
//   - sourcedelay.go: source-signaling-delays, which batch a participant's
//     remote source changes in large conferences (jicofo's
//     ConferenceConfig.getSourceSignalingDelayMs and
//     Participant.scheduleSignalingOfQueuedSources);
//   - ratelimit.go, stats.go, features.go.
package focus
