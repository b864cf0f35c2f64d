package deploy

import (
	"bytes"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestLoadGuide(t *testing.T) {
	d, err := LoadFile("testdata/guide.conf")
	if err != nil {
		t.Fatal(err)
	}
	if d.Domain != "jts.fips.de" || d.XMPPServer != ServerProsody || d.SCTP || !d.ColibriWebsockets {
		t.Errorf("description %+v", d)
	}
	if d.Host.PublicAddress != netip.MustParseAddr("87.253.170.146") || d.Host.Egress != "egress" ||
		len(d.Host.Admin) != 1 || d.Host.Monitor[0] != netip.MustParsePrefix("198.51.100.10/32") {
		t.Errorf("host %+v", d.Host)
	}
	if d.BridgeUDPPorts != (PortRange{10000, 10000}) || d.Secrets != (Secrets{"CHANGE_FOCUS", "CHANGE_jvb"}) {
		t.Errorf("ports %+v secrets %+v", d.BridgeUDPPorts, d.Secrets)
	}
	want := []Guest{
		{Name: "web", Role: RoleWeb, Memory: "2G", Disk: "/home/vmm/web.qcow2"},
		{Name: "xmpp", Role: RoleXMPP, Memory: "2G", Disk: "/home/vmm/xmpp.qcow2"},
		{Name: "jicofo", Role: RoleFocus, Memory: "4G", Disk: "/home/vmm/jicofo.qcow2"},
		{Name: "jvb", Role: RoleBridge, Memory: "4G", Disk: "/home/vmm/jvb.qcow2"},
	}
	for i, g := range d.Guests {
		g.field = ""
		if g != want[i] {
			t.Errorf("guest %d = %+v, want %+v", i, g, want[i])
		}
	}
}

func TestLoadDefaults(t *testing.T) {
	d, err := Load([]byte(baseDesc))
	if err != nil {
		t.Fatal(err)
	}
	if d.XMPPServer != ServerXMPPD || d.Secrets != (Secrets{Generate, Generate}) || d.TLS != (TLS{Web: "acme", XMPP: true}) ||
		d.BridgeUDPPorts != (PortRange{10000, 10007}) || !d.ColibriWebsockets || d.SCTP {
		t.Errorf("defaults %+v", d)
	}
}

// TestLoadValueForms: quoted and unquoted values, 1.5G needing quotes.
func TestLoadValueForms(t *testing.T) {
	src := []byte(`deployment { domain = meet.example.org, bridge-udp-ports = 10000,
	  host { public-address = "203.0.113.7", resolver = "203.0.113.53", admin = [ "198.51.100.0/24" ] }
	  guests = [ { name = a, role = web, memory = "1.5G", disk = "/x" } ] }`)
	d, err := Load(src)
	if err != nil {
		t.Fatal(err)
	}
	if d.Domain != "meet.example.org" || d.Guests[0].Memory != "1.5G" || d.BridgeUDPPorts.First != 10000 {
		t.Errorf("%+v %+v", d, d.Guests[0])
	}
	_, err = Load(bytes.Replace(src, []byte(`"1.5G"`), []byte(`1.5G`), 1))
	if err == nil {
		t.Error("unquoted 1.5G accepted")
	}
}

// TestEmittedScriptsParse runs ksh -n on the emitted shell scripts.
func TestEmittedScriptsParse(t *testing.T) {
	ksh, err := exec.LookPath("ksh")
	if err != nil {
		t.Skip("ksh not installed (apt-get install -y ksh): emitted scripts not syntax-checked")
	}
	for _, desc := range []string{"guide.conf", "xmppd-3bridges.conf"} {
		tree := emitFile(t, desc)
		for _, p := range tree.Paths() {
			if filepath.Base(p) != "accounts.sh" && !bytes.Contains([]byte(p), []byte("/etc/rc.d/")) {
				continue
			}
			cmd := exec.Command(ksh, "-n")
			cmd.Stdin = bytes.NewReader(tree[p].Data)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s: ksh -n: %v %s", p, err, out)
			}
		}
	}
}

func TestTreeWriteModes(t *testing.T) {
	dir := t.TempDir()
	tr := Tree{}
	tr.put("host", "/etc/pf.conf", []byte("pass\n"), 0o600)
	if err := tr.Write(dir); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, "host/etc/pf.conf"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("%v %v", st, err)
	}
	if err := (Tree{"../x": File{Data: []byte("x\n")}}).Write(dir); err == nil {
		t.Error("path with .. written")
	}
}
