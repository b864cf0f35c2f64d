// Package capacity is head-to-head benchmark 3 of cmd/loadtest ("loadtest
// bench capacity"): it finds the largest number of two-sender conferences
// (two participants per conference, both sending audio and video) that our
// xmppd, focus and bridge hold on this machine with less than 1 % loss and a
// p95 join time under one second, and reports the servers' CPU and RSS per
// participant at each step.
//
// Start runs the deployment as three local processes (xmppd, focus and
// bridge built from cmd/*, configured like a Debian install with files in a
// work directory, every listener on 127.0.0.1). Main ramps the number of
// conferences, one loadtest.Run per step, and stops at the first step that
// fails. The load generator runs in the same process as Main, on the same
// cores as the servers.
package capacity
