package deploy

import (
	"reflect"
	"testing"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

// checkDaemonReaders reads the emitted jicofo.conf, jvb.conf and
// sip-communicator.properties with the daemons' own configuration readers
// (package config): they must load without error or warning, and the
// typed values must be the planned ones.
func checkDaemonReaders(t *testing.T, p *Plan, tree Tree) {
	t.Helper()
	jc, _ := tree.Get(p.Focus.Name, "/etc/jicofo/jicofo.conf")
	f, err := config.ParseJicofo("jicofo.conf", jc, p.D.Domain)
	if err != nil {
		t.Fatalf("config.ParseJicofo: %v", err)
	}
	if len(f.Warnings) > 0 || f.Client.Hostname != p.D.Domain || f.Client.Password != p.FocusPW ||
		f.Client.Domain != p.Names.Auth || f.Bridge.BreweryJID != p.Names.Brewery || f.SCTP != p.D.SCTP {
		t.Fatalf("jicofo.conf read as %+v (warnings %v)", f.Client, f.Warnings)
	}
	checkXMPPDReader(t, p, tree)
	for _, b := range p.Bridges {
		conf, _ := tree.Get(b.Name, "/etc/jvb/jvb.conf")
		sip, _ := tree.Get(b.Name, "/etc/jvb/sip-communicator.properties")
		props, err := config.ParseProperties("sip-communicator.properties", sip)
		if err != nil {
			t.Fatalf("%s: config.ParseProperties: %v", b.Name, err)
		}
		j, err := config.ParseJVB("jvb.conf", conf, props)
		if err != nil {
			t.Fatalf("%s: config.ParseJVB: %v", b.Name, err)
		}
		m := j.Harvest.StaticMappings
		if len(j.Warnings) > 0 || j.ICE.UDPPort != p.Port[b.Name] || j.SCTP != p.D.SCTP || len(j.XMPPClients) != 1 ||
			j.XMPPClients[0].Password != p.JVBPW || j.XMPPClients[0].Hostname != p.XMPP.Name ||
			len(m) != 1 || m[0].LocalAddress != p.Addr[b.Name].String() || m[0].PublicAddress != p.D.Host.PublicAddress.String() {
			t.Fatalf("%s: jvb.conf read as %+v", b.Name, j)
		}
	}
}

// checkXMPPDReader loads the emitted xmppd.conf with xmppd's own reader:
// no error, no warning (every key known), and the planned layout.
func checkXMPPDReader(t *testing.T, p *Plan, tree Tree) {
	t.Helper()
	data, ok := tree.Get(p.XMPP.Name, xmppdConfPath)
	if p.D.XMPPServer != ServerXMPPD {
		return
	}
	if !ok {
		t.Fatalf("no %s on %s", xmppdConfPath, p.XMPP.Name)
	}
	c, warns, err := xconfig.Parse("xmppd.conf", data)
	if err != nil || len(warns) > 0 {
		t.Fatalf("xconfig.Parse: %v, warnings %v", err, warns)
	}
	want := xconfig.Default(p.D.Domain)
	want.DataDir, want.Components = xmppdDataDir, "0.0.0.0:5347"
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("xmppd.conf read as\n%+v\nwant\n%+v", c, want)
	}
}

func TestDaemonReadersAcceptEmitted(t *testing.T) {
	for _, desc := range []string{"guide.conf", "xmppd-3bridges.conf"} {
		d, err := LoadFile("testdata/" + desc)
		if err != nil {
			t.Fatal(err)
		}
		p, err := NewPlan(d, fixedRand())
		if err != nil {
			t.Fatal(err)
		}
		tree, err := emitTree(p)
		if err != nil {
			t.Fatal(err)
		}
		checkDaemonReaders(t, p, tree)
	}
}
