// Package e2e is the end-to-end harness that runs the real Jitsi client,
// lib-jitsi-meet, in headless Chromium against a whole deployment on
// loopback: an XMPP server (stock prosody, or our xmppd run in-process)
// described by a Deployment, our focus and bridge built from cmd/focus and
// cmd/bridge and started as processes from the drop-in files jicofo.conf,
// jvb.conf and sip-communicator.properties (StartDaemons), browsers started
// by StartBrowser and pages (web/index.html + web/harness.js) driven through
// chromedp.
//
// Scenarios (issue 6), each against prosody and xmppd over WebSocket and
// BOSH: TestTwoParticipantsMedia (each of two participants receives the
// other's audio and video: getStats() inbound-rtp packets and bytes grow)
// and TestBridgeChannelWebSocket (ServerHello and EndpointMessages on the
// colibri websocket), TestThirdParticipantMidCall (a third joins and
// leaves mid-call; its media is told apart per SSRC and track, Streams),
// TestModeratorMute (the moderator mutes the second; its audio stops at the
// third while the first's goes on) and TestBridgeRestart (the bridge is
// killed and started again; media flows again without reloading).
// TestLibJitsiMeetReachesFocus checks the conference request itself with
// FocusObserver in place of the focus.
//
// The tests carry the build tag e2e and run inside a private network
// namespace (testenv.NetNSMain), so every socket and ICE pair is 127.0.0.1:
//
//	bash e2e/fetch-deps.sh          # pinned lib-jitsi-meet and jQuery into e2e/web/vendor
//	go test -tags e2e ./e2e/
//
// On failure the focus and bridge logs, the bridge's /colibri/stats, each
// page's events, console, getStats() entries and bridge-channel log are
// printed; E2E_DAEMON_LOGS=1 prints the daemon logs always, E2E_SDP=1 adds
// the pages' session descriptions.
//
// With the tag, a missing prosody, Chromium or vendor file fails the run with
// the install command; only an OS without network namespaces skips, saying so.
// Nothing here sleeps to synchronise: browser state is polled with deadlines,
// and every process is stopped by PID in t.Cleanup, also when a test fails.
package e2e
