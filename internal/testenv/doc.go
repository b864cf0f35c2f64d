// Package testenv starts the real third-party peers that end-to-end tests run
// against, on loopback only, and stops them by PID:
//
//   - StartProsody writes a Jitsi-layout prosody 0.12 configuration (anonymous
//     main host, auth host, conference and brewery MUCs, external components)
//     with non-default loopback ports, self-signed certificates per host and
//     its own data directory, starts `prosody --config F -F` and waits until
//     every port accepts; Register adds accounts with prosodyctl.
//   - StartChromium starts Debian's headless Chromium with the flags that make
//     WebRTC work on loopback, a scratch HOME and a fresh profile, and returns
//     its DevTools WebSocket URL (remote debugging on 127.0.0.1 only).
//   - NetNSMain re-executes a test binary inside a private network namespace
//     where only lo is up, so every socket and ICE pair is 127.0.0.1.
//
// Every launcher returns errors (sentinels in errors.go) and leaves cleanup to
// the caller: each started program is a Process whose Stop signals exactly that
// PID (and the process group it leads), never a name.
package testenv
