package demo

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

var testValues = confValues{Domain: "meet.localhost", C2SPort: 5222, UDPPort: 10000, WSPort: 9090,
	FocusPassword: "fpw", JVBPassword: "jpw"}

// TestEmbeddedConfig: the embedded jicofo.conf and jvb.conf parse without
// warnings into the demo's deployment: SCTP off on both sides, the focus
// and the bridge on xmppd's c2s with their accounts, the colibri websocket
// on 127.0.0.1 and no private REST or cloud harvesting.
func TestEmbeddedConfig(t *testing.T) {
	jc, err := jicofoConfig(testValues)
	if err != nil {
		t.Fatal(err)
	}
	jv, err := jvbConfig(testValues)
	if err != nil {
		t.Fatal(err)
	}
	if len(jc.Warnings) > 0 || len(jv.Warnings) > 0 {
		t.Errorf("warnings: jicofo %v, jvb %v", jc.Warnings, jv.Warnings)
	}
	c := jc.Client
	checks := []struct {
		name      string
		got, want any
	}{
		{"jicofo sctp", jc.SCTP, false},
		{"jvb sctp", jv.SCTP, false},
		{"focus login", c.Username + "@" + c.Domain + ":" + c.Password, "focus@auth.meet.localhost:fpw"},
		{"focus server", c.Hostname, "127.0.0.1"},
		{"focus port", c.Port, 5222},
		{"jicofo rest", jc.REST.Enabled, false},
		{"brewery", jc.Bridge.BreweryJID, "jvbbrewery@internal.auth.meet.localhost"},
		{"udp port", jv.ICE.UDPPort, 10000},
		{"public http", jv.PublicHTTP.Host + ":" + strconv.Itoa(jv.PublicHTTP.Port), "127.0.0.1:9090"},
		{"private http", jv.PrivateHTTP.Port, -1},
		{"colibri stats (served under /bridge/)", jv.ColibriREST, true},
		{"websocket domains", strings.Join(jv.WebSockets.Domains, ","), "127.0.0.1:9090"},
		{"aws", jv.Harvest.AWSEnabled, false},
		{"xmpp clients", len(jv.XMPPClients), 1},
	}
	for _, tc := range checks {
		if tc.got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if len(jv.XMPPClients) == 1 {
		x := jv.XMPPClients[0]
		if x.Username != "jvb" || x.Password != "jpw" || x.Port != 5222 || x.Domain != "auth.meet.localhost" {
			t.Errorf("bridge login %+v", x)
		}
	}
}

// TestConfigValidate: bad flags are refused with ErrConfig.
func TestConfigValidate(t *testing.T) {
	ok := Config{VendorDir: "v"}.withDefaults()
	tests := []struct {
		name string
		mod  func(*Config)
		ok   bool
	}{
		{"defaults", func(*Config) {}, true},
		{"free ports", func(c *Config) { c.WebAddr, c.UDPPort = "127.0.0.1:0", 0 }, true},
		{"ip domain", func(c *Config) { c.Domain = "127.0.0.1" }, false},
		{"domain with slash", func(c *Config) { c.Domain = "a/b" }, false},
		{"web on all interfaces", func(c *Config) { c.WebAddr = "0.0.0.0:8000" }, false},
		{"web on a name", func(c *Config) { c.WebAddr = "localhost:8000" }, false},
		{"udp port", func(c *Config) { c.UDPPort = 70000 }, false},
		{"unspecified candidate", func(c *Config) { c.HostAddrs = []netip.Addr{netip.IPv4Unspecified()} }, false},
		{"no vendor", func(c *Config) { c.VendorDir = "" }, false},
	}
	for _, tc := range tests {
		c := ok
		tc.mod(&c)
		err := c.Validate()
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrConfig)) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// TestLocalHostAddrs: only this machine's IPv4 unicast addresses, 127.0.0.1 last.
func TestLocalHostAddrs(t *testing.T) {
	addrs, err := LocalHostAddrs()
	if err != nil {
		t.Fatal(err)
	}
	if len(addrs) == 0 || addrs[len(addrs)-1] != loopback {
		t.Fatalf("%v: want 127.0.0.1 last", addrs)
	}
	for _, a := range addrs[:len(addrs)-1] {
		if !a.Is4() || a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsMulticast() {
			t.Errorf("%v is not a usable interface address", a)
		}
	}
}
