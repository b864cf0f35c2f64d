package deploy

import (
	"net/netip"
	"strings"
)

// Ports of the components.
const (
	c2sPort        = 5222
	httpPort       = 5280
	componentPort  = 5347
	colibriWSPort  = 9090 // bridge public HTTP server: colibri websockets
	bridgeRESTPort = 8080 // bridge private HTTP server: REST, /metrics
	focusRESTPort  = 8888 // focus REST, /metrics
)

func joinSpace(ss []string) string { return strings.Join(ss, " ") }

// prefixStrings writes /32s as bare addresses, as the guide does.
func prefixStrings(ps []netip.Prefix) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		if p.IsSingleIP() {
			out[i] = p.Addr().String()
		} else {
			out[i] = p.String()
		}
	}
	return out
}
