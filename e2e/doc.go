// Package e2e is the end-to-end harness that runs the real Jitsi client,
// lib-jitsi-meet, in headless Chromium against a whole deployment on
// loopback: an XMPP server (stock prosody, or our xmppd run in-process;
// focus and bridge join as they land) described by a Deployment, browsers started by
// StartBrowser and pages (web/index.html + web/harness.js) driven through
// chromedp.
//
// The tests carry the build tag e2e and run inside a private network
// namespace (testenv.NetNSMain), so every socket and ICE pair is 127.0.0.1:
//
//	bash e2e/fetch-deps.sh          # pinned lib-jitsi-meet and jQuery into e2e/web/vendor
//	go test -tags e2e ./e2e/
//
// With the tag, a missing prosody, Chromium or vendor file fails the run with
// the install command; only an OS without network namespaces skips, saying so.
// Nothing here sleeps to synchronise: browser state is polled with deadlines,
// and every process is stopped by PID in t.Cleanup, also when a test fails.
package e2e
