package deploy

import (
	"fmt"
	"strings"
)

// checkWeb: config.js names the domain, the MUC and the BOSH URL of this
// deployment; nginx proxies BOSH to the XMPP guest and each bridge's
// colibri websocket to that bridge, under the server-id its jvb.conf uses.
func checkWeb(p *Plan, t Tree) []error {
	var errs []error
	c, err := parseConfigJS(read(t, p.Web.Name, "/var/www/jitsi-meet/config.js", &errs))
	if err != nil {
		return append(errs, consErr("config.js: %v", err))
	}
	if c.Hosts.Domain != p.Names.Domain || c.Hosts.MUC != p.Names.Conference || c.Bosh != "//"+p.D.Domain+"/http-bind" {
		errs = append(errs, consErr("config.js hosts %+v bosh %q do not match %s", c.Hosts, c.Bosh, p.D.Domain))
	}
	if c.BridgeChannel.PreferSCTP != p.D.SCTP {
		errs = append(errs, consErr("config.js bridgeChannel.preferSctp differs from sctp"))
	}
	ng := string(read(t, p.Web.Name, "/etc/nginx/nginx.conf", &errs))
	bosh := fmt.Sprintf("proxy_pass http://%s:%d/http-bind;", p.Addr[p.XMPP.Name], httpPort)
	if !strings.Contains(ng, bosh) {
		errs = append(errs, consErr("nginx.conf lacks %q", bosh))
	}
	if !p.D.ColibriWebsockets {
		return errs
	}
	for _, b := range p.Bridges {
		id, _ := lookupHOCON(read(t, b.Name, "/etc/jvb/jvb.conf", &errs), "videobridge.websockets.server-id")
		want := fmt.Sprintf("location ~ ^/colibri-ws/%s/(.*) {\n      proxy_pass http://%s:%d/colibri-ws/%s/", id, p.Addr[b.Name], colibriWSPort, id)
		if id == "" || !strings.Contains(ng, want) {
			errs = append(errs, consErr("nginx.conf does not proxy colibri-ws/%s/ to %s:%d", id, p.Addr[b.Name], colibriWSPort))
		}
	}
	return errs
}
