// Command jitsi-deploy writes every file of an OpenBSD vmd deployment of
// Jitsi Meet on the jitsi-go daemons from one description file; see
// docs/openbsd.md.
package main

import (
	"os"

	"github.com/jitsi-go/jitsi-go/deploy"
)

func main() {
	os.Exit(deploy.Main(os.Args[1:], os.Stdout, os.Stderr))
}
