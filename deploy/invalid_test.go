package deploy

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

const baseDesc = `deployment {
  domain = "meet.example.org"
  host { public-address = "203.0.113.7", resolver = "203.0.113.53", admin = [ "198.51.100.0/24" ] }
  guests = [
    { name = web, role = web, memory = 1G, disk = "/vm/web.img" }
    { name = xmpp, role = xmpp, memory = 1G, disk = "/vm/xmpp.img" }
    { name = focus, role = focus, memory = 1G, disk = "/vm/focus.img" }
    { name = jvb1, role = bridge, memory = 2G, disk = "/vm/jvb1.img" }
    { name = jvb2, role = bridge, memory = 2G, disk = "/vm/jvb2.img" }
  ]
}
`

func TestBaseDescriptionValid(t *testing.T) {
	d, err := Load([]byte(baseDesc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Emit(d, fixedRand()); err != nil {
		t.Fatal(err)
	}
}

// TestInvalidDescriptions: each broken description fails with a message
// naming the field at fault.
func TestInvalidDescriptions(t *testing.T) {
	tests := []struct {
		name, from, to string
		field, msg     string
	}{
		{"duplicate name", "name = jvb2", "name = jvb1", "deployment.guests[4].name", "already the name of deployment.guests[3]"},
		{"address clash", "name = jvb1, role = bridge, memory = 2G, disk = \"/vm/jvb1.img\" }\n    { name = jvb2, role",
			"name = jvb1, id = 4, role = bridge, memory = 2G, disk = \"/vm/jvb1.img\" }\n    { name = jvb2, id = 4, role",
			"deployment.guests[4].id", "4 is already deployment.guests[3]'s ID: both guests would get address 100.64.4.3"},
		{"bridge ports overlap", "disk = \"/vm/jvb2.img\" }", "disk = \"/vm/jvb2.img\", udp-port = 10000 }\n{ name = jvb3, role = bridge, memory = 2G, disk = \"/vm/jvb3.img\", udp-port = 10000 }", "deployment.guests[5].udp-port", "bridge ports must not overlap"},
		{"range too small", "domain =", "bridge-udp-ports = \"10000-10000\"\ndomain =", "deployment.bridge-udp-ports", "no free port left"},
		{"range reversed", "domain =", "bridge-udp-ports = \"10010-10000\"\ndomain =", "deployment.bridge-udp-ports", "want a range"},
		{"IP as -host", `domain = "meet.example.org"`, `domain = "203.0.113.7"`, "deployment.domain", "-host"},
		{"not an FQDN", `domain = "meet.example.org"`, `domain = "meet"`, "deployment.domain", "fully qualified"},
		{"bridge before focus", "name = jvb1, role = bridge", "name = jvb1, id = 1, role = bridge", "deployment.guests[3].id", "start order xmpp → focus → bridge"},
		{"focus before xmpp", "name = focus, role = focus", "name = focus, id = 1, role = focus", "deployment.guests[2].id", "before xmpp"},
		{"id too large", "name = jvb1, role = bridge", "name = jvb1, id = 9, role = bridge", "deployment.guests[3].id", "exceeds the number of guests"},
		{"unknown key", "domain =", "colour = blue\ndomain =", "deployment.colour", "unknown key"},
		{"unknown guest key", "name = web,", "name = web, cpus = 2,", "deployment.guests[0].cpus", "unknown key"},
		{"missing disk", `, disk = "/vm/web.img"`, "", "deployment.guests[0].disk", "missing"},
		{"bare memory", "name = web, role = web, memory = 1G", "name = web, role = web, memory = 1024", "deployment.guests[0].memory", "no unit"},
		{"reserved name", "name = jvb2", "name = port", "deployment.guests[4].name", "reserved word"},
		{"bad name", "name = jvb2", "name = Jvb_2", "deployment.guests[4].name", "host name label"},
		{"macro name", "name = jvb2", "name = vms", "deployment.guests[4].name", "own macros"},
		{"no bridge channel", "domain =", "colibri-websockets = false\ndomain =", "deployment.colibri-websockets", "no bridge channel"},
		{"two webs", "name = focus, role = focus", "name = focus, role = web", "deployment.guests", "role web, want exactly 1"},
		{"wrong type", "domain =", "sctp = maybe\ndomain =", "deployment.sctp", "want true or false"},
		{"bad secret", "domain =", "secrets { focus = \"short\", jvb = \"long-enough\" }\ndomain =", "deployment.secrets.focus", "8-128"},
		{"public in vmnet", `public-address = "203.0.113.7"`, `public-address = "100.64.9.9"`, "deployment.host.public-address", "local prefix"},
		{"admin host bits", `"198.51.100.0/24"`, `"198.51.100.1/24"`, "deployment.host.admin[0]", "host bits"},
		{"udp-port on web", "name = web, role = web,", "name = web, role = web, udp-port = 10000,", "deployment.guests[0].udp-port", "only bridges"},
		{"disk clash", `disk = "/vm/jvb2.img"`, `disk = "/vm/jvb1.img"`, "deployment.guests[4].disk", "already the disk"},
		{"tls files", "domain =", "tls { web = files }\ndomain =", "deployment.tls.certificate", "absolute path"},
		{"xmpp server", "domain =", "xmpp-server = ejabberd\ndomain =", "deployment.xmpp-server", "want"},
		{"broken hocon", "guests = [", "guests = [ {", "", "description:"},
		{"not utf-8", "domain =", "\x82\xc8\ndomain =", "", "invalid deployment description"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(baseDesc, tc.from, tc.to, 1)
			if src == baseDesc && tc.from != "" {
				t.Fatalf("mutation %q not applied", tc.from)
			}
			var err error
			d, lerr := Load([]byte(src))
			if err = lerr; err == nil {
				_, err = Emit(d, fixedRand())
			}
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, ErrDescription) {
				t.Errorf("error %v is not ErrDescription", err)
			}
			named := regexp.MustCompile(regexp.QuoteMeta(tc.field) + ` \(line [1-9][0-9]*\): `)
			if tc.field != "" && !named.MatchString(err.Error()) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not name %q (with its line) and %q", err, tc.field, tc.msg)
			}
		})
	}
}

// TestCheckCatches corrupts one emitted file at a time and expects Check
// to report the disagreement.
func TestCheckCatches(t *testing.T) {
	d, _ := Load([]byte(baseDesc))
	p, err := NewPlan(d, fixedRand())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, machine, path, from, to, msg string }{
		{"jvb password", "jvb2", "/etc/jvb/jvb.conf", `password = "`, `password = "x`, "jvb password"},
		{"focus password", "focus", "/etc/jicofo/jicofo.conf", `password = "`, `password = "x`, "focus password"},
		{"-host as IP", "focus", "/etc/rc.conf.local", "-host=meet.example.org", "-host=100.64.2.3", "must be an FQDN"},
		{"hosts maps domain elsewhere", "focus", "/etc/hosts", "xmpp meet.example.org\n", "xmpp\n100.64.3.3\tmeet.example.org\n", "resolves to 100.64.3.3"},
		{"second FQDN", "host", "/etc/hosts", "localhost\n::1", "localhost auth.meet.example.org\n::1", "only DNS name"},
		{"sctp mismatch", "jvb1", "/etc/jvb/jvb.conf", "enabled = false\n  }\n  ice", "enabled = true\n  }\n  ice", "sctp.enabled"},
		{"bridge port", "jvb1", "/etc/jvb/jvb.conf", "port = 10000", "port = 10001", "redirects that port"},
		{"nat address", "jvb2", "/etc/jvb/sip-communicator.properties", "=100.64.5.3", "=100.64.4.3", "NAT addresses"},
		{"vm order", "host", "/etc/vm.conf", `instance "xmpp"`, `instance "xmpq"`, "vm.conf gives xmpp"},
		{"gateway", "web", "/etc/mygate", "100.64.1.2", "100.64.1.4", "mygate"},
		{"web rdr", "host", "/etc/pf.conf", "port { 80 443 } rdr-to $web", "port { 80 443 } rdr-to $xmpp", "not web"},
		{"xmpp guest pf", "xmpp", "/etc/pf.conf", "from { $focus $jvb1 $jvb2 }", "from { $focus $jvb1 }", "accept c2s from jvb2"},
		{"nginx bosh", "web", "/etc/nginx/nginx.conf", "100.64.2.3:5280/http-bind", "100.64.3.3:5280/http-bind", "lacks"},
		{"colibri proxy", "web", "/etc/nginx/nginx.conf", "100.64.4.3:9090", "100.64.5.3:9090", "colibri-ws/jvb1/"},
		{"config.js muc", "web", "/var/www/jitsi-meet/config.js", `"conference.`, `"muc.`, "config.js hosts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tree, err := emitTree(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := Check(p, tree); err != nil {
				t.Fatalf("clean tree: %v", err)
			}
			f := tree[tc.machine+tc.path]
			mutated := strings.Replace(string(f.Data), tc.from, tc.to, 1)
			if mutated == string(f.Data) {
				t.Fatalf("mutation %q not applied to\n%s", tc.from, f.Data)
			}
			tree[tc.machine+tc.path] = File{Data: []byte(mutated), Mode: f.Mode}
			err = Check(p, tree)
			if err == nil || !errors.Is(err, ErrConsistency) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Check = %v, want a disagreement mentioning %q", err, tc.msg)
			}
		})
	}
}
