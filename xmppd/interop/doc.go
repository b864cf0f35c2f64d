// Package interop holds the interop suite: the same tests run against
// xmppd (in process) and against stock prosody 0.12 started by the test on
// loopback ports with a configuration the test writes. Prosody tests are
// skipped with a message when /usr/bin/prosody is not installed; CI installs
// it with `apt-get install -y prosody lua-unbound python3-slixmpp` (behind a
// policy-rc.d that exits 101 so no system service starts).
package interop
