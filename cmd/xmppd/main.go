// Command xmppd serves a whole Jitsi deployment's XMPP (c2s, BOSH,
// WebSocket, MUC, components) as one binary; see package xmppd/cli.
//
// Unless GOGC is set, it runs the garbage collector at GOGC=50 (see
// defaultGCPercent); GOGC and GOMEMLIMIT keep their usual meaning.
package main

import (
	"os"

	"github.com/jitsi-go/jitsi-go/xmppd/cli"
)

func main() {
	applyGCDefault(os.Getenv)
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
