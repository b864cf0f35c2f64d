// Command xmppd serves a whole Jitsi deployment's XMPP (c2s, BOSH,
// WebSocket, MUC, components) as one binary; see package xmppd/cli.
package main

import (
	"os"

	"github.com/jitsi-go/jitsi-go/xmppd/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr)) }
