package deploy

// difference is one place where the emitted guide deployment deliberately
// differs from the guide's own files (testdata/paper/), with the reason.
// Every entry is checked: the guide's line must really be absent from
// the file named, and (movedTo) present where the fix put it.
type difference struct {
	file    string // paper fixture
	guide   string // the guide's line or key, as in the fixture
	on      string // machine whose emitted file lacks it
	movedTo string // machine whose emitted file has it instead
	reason  string
}

var guideDifferences = []difference{
	{"pf-base.conf", "pass out quick on egress proto { tcp udp } to any port { 123 53 80 443 }", "host", "",
		"the host passes all outbound traffic (pass out): forwarded guest traffic leaving on tapN needs its own state; this covers the ports"},
	{"pf-host.conf", "pass in on egress proto tcp to any port 5280 rdr-to xmpp # debug", "host", "",
		"the debug redirect is limited to <admin> (and carries 5347): the guide opened BOSH on the public address to everyone"},
	{"pf-jicofo.conf", "pass out quick on egress proto tcp to xmpp port { 5222 5280 }", "jicofo", "",
		"the focus only speaks c2s on 5222; 5280 is BOSH for browsers and reaches xmpp from web only"},
	{"pf-jicofo.conf", "pass in quick on egress proto udp to self port 10000", "jicofo", "jvb",
		"media arrive at the bridge: the guide's sections D and E are swapped"},
	{"pf-jicofo.conf", "pass in quick on egress proto tcp from $monitor to self port 8080", "jicofo", "jvb",
		"8080 is the bridge's REST port (sections D/E swapped)"},
	{"pf-jvb.conf", "pass in quick on egress proto tcp from $monitor to self port 8888", "jvb", "jicofo",
		"8888 is the focus's REST port (which is why the guide found the jvb exporter 'broken')"},
	{"prosody.cfg.lua", `http_interfaces = { "*", "://" }`, "xmpp", "",
		`"://" is a typo for the IPv6 wildcard "::"`},
	{"prosody.cfg.lua", `Component "jvb.jts.fips.de"`, "xmpp", "",
		"jvb 2.x logs in as the client jvb@auth (jvb.conf xmpp-client); the component was unused and its secret a second copy of the jvb password, which accounts.sh registers instead"},
	{"prosody.cfg.lua", `component_secret = "CHANGE_jvb"`, "xmpp", "", "see Component jvb.jts.fips.de"},
	{"prosody.cfg.lua", `authentication = "anonymous";`, "xmpp", "", "the same line without the stray ';'"},
	{"nginx.conf", "proxy_pass http://xmpp:5280/http-bind;", "web", "",
		"upstreams are addresses (http://100.64.2.3:5280): nginx resolves names once at start, and chrooted it sees no /etc/hosts"},
	{"nginx.conf", "alias /var/www/jitsi-meet/$1/$2; }", "web", "", "the same directive, block closed on its own line"},
	{"nginx.conf", "proxy_set_header Host $http_host; }", "web", "", "the same directive, block closed on its own line"},
	{"nginx.conf", "location ~ ^/([a-zA-Z0-9=\\?]+)$ {", "web", "", "the same location, written on one line"},
	{"nginx.conf", "rewrite ^/(.*)$ / break; }", "web", "", "the same location, written on one line"},
	{"jvb.conf", "videobridge.apis.xmpp-client.configs.ourprosody", "jvb", "",
		"the xmpp-client config is named after the XMPP guest (xmpp), since it may be xmppd"},
	{"jvb.conf", "muc_nickname = jvb-foo", "jvb", "", "each bridge's nickname is its guest name, unique in the brewery"},
	{"jvb.conf", "videobridge.ice.tcp", "jvb", "", "ice.tcp was removed from jvb in 2024; the guide only disabled it"},
	{"jvb.conf", "closing braces", "jvb", "", "the printed jvb.conf lacks the } closing apis and the } closing videobridge; it does not parse"},
}

// listed returns the difference for a guide line on machine, if any.
func listed(file, guide, machine string) (difference, bool) {
	for _, d := range guideDifferences {
		if d.file == file && d.guide == guide && d.on == machine {
			return d, true
		}
	}
	return difference{}, false
}
