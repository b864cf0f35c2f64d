// Package relaybench is head-to-head benchmark 1 of issue 8: the bridge's
// media plane (package sfu) against a plain UDP relay, measured as
// forwarded packets per second per server core with SRTP on, for 1→1 and
// 1→N fan-out, on the same offered load in the same run.
//
// Main is the load generator (the parent). For every fan-out N and every
// server it starts a child process (the server under test), connects one
// sender and N receivers to it on 127.0.0.1, sends ~1100-byte video RTP
// packets at a fixed rate for a warm-up and a measuring window, counts
// what the receivers get, and reads the child's CPU time from /proc
// (package loadtest/procstat) at both ends of the window. It prints one
// row per server and fan-out, then per fan-out the ratio bridge/raw of
// packets per core and whether it meets the goal (≥ 0.5).
//
// The servers, run by Serve in the child:
//   - "bridge": an sfu.SFU with one conference, one sender endpoint and N
//     receiver endpoints. Each generator endpoint does real ICE (it answers
//     and sends STUN connectivity checks with the endpoint's ufrag/pwd)
//     and a real DTLS handshake (pion/dtls, use_srtp), exports the SRTP
//     keys as pion/webrtc does, and then sends (sender) or receives and
//     sample-decrypts (receivers) SRTP.
//   - "raw": one UDP socket in one goroutine; every datagram from the
//     sender is written to the N receiver addresses. No crypto.
//
// # Child process
//
// The parent runs os.Executable() with the arguments of the -child flag
// (default "bench relay-serve", as wired in cmd/loadtest) followed by
// "-server bridge|raw". The child binds 127.0.0.1:0 and talks to the
// parent with JSON lines (type ctlMsg), child stdout ↔ parent, parent →
// child stdin:
//
//	child  → {"type":"hello","server":"bridge","addr":"127.0.0.1:40000","pid":123}
//	parent → {"type":"setup","endpoints":[{"id":"s","role":"sender","addr":"127.0.0.1:5001",
//	          "ufrag":"…","pwd":"…","fingerprint":"AB:…","ssrc":4660}, {"id":"r0","role":"receiver",…}]}
//	child  → {"type":"endpoints","endpoints":[{"id":"s","ufrag":"…","pwd":"…","fingerprint":"…"},…]}
//	parent → {"type":"stats"}            (any number of times)
//	child  → {"type":"stats","stats":{"in":…,"out":…,"connected":2,"drops":{…}}}
//	child  → {"type":"error","error":"…"} (instead of a reply when a request fails)
//
// The test binary can stand in for cmd/loadtest (its TestMain dispatches
// on RELAYBENCH_TEST_CHILD):
//
//	go test -c -o /tmp/relaybench.test ./loadtest/relaybench
//	RELAYBENCH_TEST_CHILD=main /tmp/relaybench.test -fanout 1,4,10 -json relay.json
//
// The raw relay ignores the ICE/DTLS fields and answers "endpoints" with
// ids only. The child exits when its stdin closes or its context ends;
// the parent kills it by PID if it does not exit within a few seconds.
//
// # Offered load
//
// The machine this was written for has 2 cores shared by the generator
// and the server, so the default load is chosen by output, not input:
// -out 30000 forwarded packets per second in total, i.e. a sender rate of
// 30000/N for fan-out N. That keeps the server busy (a sizeable fraction
// of a core) without saturating it, and leaves the generator (which must
// receive every forwarded packet) a core of its own. -rate fixes the
// sender rate instead.
package relaybench
