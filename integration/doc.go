// Package integration holds the focus's acceptance tests (issue 5): our
// focus, our bridge and real test participants (package participant) on
// stock prosody and on our xmppd, all on loopback inside a private network
// namespace. The package has no library code; see its _test.go files.
package integration
