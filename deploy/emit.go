package deploy

import (
	"fmt"
	"io"

	"github.com/jitsi-go/jitsi-go/dist"
)

// Emit validates d, plans it and returns every file of the deployment.
// Each file has passed its own validator and the tree has passed Check;
// on any error no tree is returned.
func Emit(d *Description, rand io.Reader) (Tree, error) {
	p, err := NewPlan(d, rand)
	if err != nil {
		return nil, err
	}
	t, err := emitTree(p)
	if err != nil {
		return nil, err
	}
	if err := Check(p, t); err != nil {
		return nil, err
	}
	return t, nil
}

func emitTree(p *Plan) (Tree, error) {
	t := Tree{}
	hostsFile := emitHosts(p)
	if _, err := parseHosts(hostsFile); err != nil {
		return nil, fileErr(ErrEmit, "host/etc/hosts", err)
	}
	hostPF, err := emitHostPF(p)
	if err != nil {
		return nil, err
	}
	t.put("host", "/etc/vm.conf", p.VMConf, 0o644)
	t.put("host", "/etc/pf.conf", hostPF, 0o600)
	t.put("host", "/etc/sysctl.conf", []byte("net.inet.ip.forwarding=1\n"), 0o644)
	t.put("host", "/etc/hosts", hostsFile, 0o644)
	t.put("host", "/etc/rc.conf.local", []byte("vmd_flags=\n"), 0o644)
	for _, g := range p.Guests {
		if err := emitGuest(p, g, t, hostsFile); err != nil {
			return nil, err
		}
	}
	for _, path := range t.Paths() {
		if err := validateFile(path, t[path].Data); err != nil {
			return nil, fileErr(ErrEmit, path, err)
		}
	}
	return t, nil
}

// emitGuest adds one guest's system files and its component's files.
func emitGuest(p *Plan, g Guest, t Tree, hostsFile []byte) error {
	pfConf, err := emitGuestPF(p, g)
	if err != nil {
		return err
	}
	hn, gw, rs := emitNet(p, g)
	t.put(g.Name, "/etc/pf.conf", pfConf, 0o600)
	t.put(g.Name, "/etc/hosts", hostsFile, 0o644)
	t.put(g.Name, "/etc/myname", []byte(g.Name+"\n"), 0o644)
	t.put(g.Name, "/etc/hostname.vio0", hn, 0o640)
	t.put(g.Name, "/etc/mygate", gw, 0o644)
	t.put(g.Name, "/etc/resolv.conf", rs, 0o644)
	t.put(g.Name, "/etc/rc.conf.local", emitRCConf(p, g), 0o644)
	switch g.Role {
	case RoleWeb:
		return emitWebFiles(p, t)
	case RoleXMPP:
		return emitXMPPFiles(p, t)
	case RoleFocus:
		return emitFocusFiles(p, t)
	}
	return emitBridgeFiles(p, g, t)
}

func emitWebFiles(p *Plan, t Tree) error {
	ng, err := emitNginx(p)
	if err != nil {
		return err
	}
	js, err := emitConfigJS(p)
	if err != nil {
		return err
	}
	t.put(p.Web.Name, "/etc/nginx/nginx.conf", ng, 0o644)
	t.put(p.Web.Name, "/var/www/jitsi-meet/config.js", js, 0o644)
	return nil
}

func emitXMPPFiles(p *Plan, t Tree) error {
	t.put(p.XMPP.Name, accountsPath, emitAccounts(p), 0o700)
	if p.D.XMPPServer == ServerProsody {
		lua, err := emitProsody(p)
		if err != nil {
			return err
		}
		t.put(p.XMPP.Name, "/etc/prosody/prosody.cfg.lua", lua, 0o640)
		return nil
	}
	conf, err := emitXMPPD(p)
	if err != nil {
		return err
	}
	t.put(p.XMPP.Name, "/etc/xmppd/xmppd.conf", conf, 0o640)
	return addService(t, p.XMPP.Name, "xmppd")
}

func emitFocusFiles(p *Plan, t Tree) error {
	conf, err := emitJicofo(p)
	if err != nil {
		return err
	}
	t.put(p.Focus.Name, "/etc/jicofo/jicofo.conf", conf, 0o640)
	return addService(t, p.Focus.Name, "jicofo")
}

func emitBridgeFiles(p *Plan, g Guest, t Tree) error {
	conf, err := emitJVB(p, g)
	if err != nil {
		return err
	}
	sip, err := emitSIP(p, g)
	if err != nil {
		return err
	}
	t.put(g.Name, "/etc/jvb/jvb.conf", conf, 0o640)
	t.put(g.Name, "/etc/jvb/sip-communicator.properties", sip, 0o640)
	return addService(t, g.Name, "jvb")
}

// addService copies the shipped rc.d script and login class.
func addService(t Tree, machine, name string) error {
	rc, err := dist.RCScript(name)
	if err != nil {
		return fmt.Errorf("%w: rc.d/%s: %w", ErrEmit, name, err)
	}
	lc, err := dist.LoginClass(name)
	if err != nil {
		return fmt.Errorf("%w: login.conf.d/%s: %w", ErrEmit, name, err)
	}
	t.put(machine, "/etc/rc.d/"+name, rc, 0o555)
	t.put(machine, "/etc/login.conf.d/"+name, lc, 0o644)
	return nil
}
