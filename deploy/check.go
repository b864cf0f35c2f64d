package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/jitsi-go/jitsi-go/vmm"
)

// Check re-reads the emitted tree with the validators' parsers and
// verifies that the files agree with each other: addresses, ports,
// secrets, names and the SCTP setting, and the guide's pitfalls.
func Check(p *Plan, t Tree) error {
	var errs []error
	for _, check := range []func(*Plan, Tree) []error{
		checkVMConf, checkHostsFiles, checkFocusHost, checkBridges,
		checkSecretsAgree, checkHostPF, checkGuestPF, checkWeb,
	} {
		errs = append(errs, check(p, t)...)
	}
	return errors.Join(errs...)
}

func consErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrConsistency, fmt.Sprintf(format, args...))
}

// read returns a file the checks need, or records that it is missing.
func read(t Tree, machine, path string, errs *[]error) []byte {
	data, ok := t.Get(machine, path)
	if !ok {
		*errs = append(*errs, consErr("%s%s: missing", machine, path))
	}
	return data
}

// checkVMConf: addresses come from vm.conf order; start order xmpp →
// focus → bridges; each guest's static address and gateway agree.
func checkVMConf(p *Plan, t Tree) []error {
	var errs []error
	f, err := vmm.Parse(read(t, "host", "/etc/vm.conf", &errs))
	if err != nil {
		return append(errs, consErr("host/etc/vm.conf: %v", err))
	}
	for _, g := range p.Guests {
		host, guest, err := vmm.Addr(vmm.DefaultPrefix, f.ID(g.Name), 0)
		if err != nil || guest != p.Addr[g.Name] {
			errs = append(errs, consErr("vm.conf gives %s ID %d, address %s; the plan says %s", g.Name, f.ID(g.Name), guest, p.Addr[g.Name]))
			continue
		}
		if hn := string(read(t, g.Name, "/etc/hostname.vio0", &errs)); !strings.HasPrefix(hn, "inet "+guest.String()+" ") {
			errs = append(errs, consErr("%s/etc/hostname.vio0 %q does not hold %s", g.Name, hn, guest))
		}
		if gw := strings.TrimSpace(string(read(t, g.Name, "/etc/mygate", &errs))); gw != host.String() {
			errs = append(errs, consErr("%s/etc/mygate %s, vmd's host side is %s", g.Name, gw, host))
		}
	}
	last := f.ID(p.Focus.Name)
	if f.ID(p.XMPP.Name) > last {
		errs = append(errs, consErr("vm.conf starts focus %s before xmpp %s", p.Focus.Name, p.XMPP.Name))
	}
	for _, b := range p.Bridges {
		if f.ID(b.Name) < last {
			errs = append(errs, consErr("vm.conf starts bridge %s before focus %s", b.Name, p.Focus.Name))
		}
	}
	return errs
}

// checkHostsFiles: every machine has the same hosts file; it carries one
// FQDN only (the domain); each guest's myname maps to its own address.
func checkHostsFiles(p *Plan, t Tree) []error {
	var errs []error
	ref := read(t, "host", "/etc/hosts", &errs)
	m, err := parseHosts(ref)
	if err != nil {
		return append(errs, consErr("host/etc/hosts: %v", err))
	}
	for name := range m {
		if strings.Contains(name, ".") && name != p.D.Domain {
			errs = append(errs, consErr("/etc/hosts maps %q: the domain must be the only DNS name", name))
		}
	}
	for _, g := range p.Guests {
		if !bytes.Equal(read(t, g.Name, "/etc/hosts", &errs), ref) {
			errs = append(errs, consErr("%s/etc/hosts differs from the host's", g.Name))
		}
		myname := strings.TrimSpace(string(read(t, g.Name, "/etc/myname", &errs)))
		if m[myname] != p.Addr[g.Name] {
			errs = append(errs, consErr("%s/etc/myname %q resolves to %s, not its own %s", g.Name, myname, m[myname], p.Addr[g.Name]))
		}
	}
	return errs
}

// resolve looks name up in machine's own hosts file.
func resolve(t Tree, machine, name string) (netip.Addr, error) {
	data, ok := t.Get(machine, "/etc/hosts")
	if !ok {
		return netip.Addr{}, fmt.Errorf("%s has no /etc/hosts", machine)
	}
	m, err := parseHosts(data)
	if err != nil {
		return netip.Addr{}, err
	}
	a, found := m[name]
	if !found {
		return a, fmt.Errorf("%s/etc/hosts does not map %q", machine, name)
	}
	return a, nil
}

// checkFocusHost: pitfall XII.A — -host is an FQDN, not an address, and
// the focus guest's hosts file maps it to the XMPP guest's local address;
// jicofo.conf's hostname is the same name.
func checkFocusHost(p *Plan, t Tree) []error {
	var errs []error
	rc, err := parseRCConf(read(t, p.Focus.Name, "/etc/rc.conf.local", &errs))
	if err != nil {
		return append(errs, consErr("%s/etc/rc.conf.local: %v", p.Focus.Name, err))
	}
	host, ok := strings.CutPrefix(rc["jicofo_flags"], "-host=")
	if !ok {
		return append(errs, consErr("%s: jicofo_flags %q lacks -host=FQDN", p.Focus.Name, rc["jicofo_flags"]))
	}
	if _, err := netip.ParseAddr(host); err == nil || checkDomain("-host", host) != nil {
		errs = append(errs, consErr("%s: -host=%s must be an FQDN, not an address", p.Focus.Name, host))
	}
	if a, err := resolve(t, p.Focus.Name, host); err != nil || a != p.Addr[p.XMPP.Name] {
		errs = append(errs, consErr("%s: -host=%s resolves to %v (%v), want xmpp guest %s", p.Focus.Name, host, a, err, p.Addr[p.XMPP.Name]))
	}
	conf := read(t, p.Focus.Name, "/etc/jicofo/jicofo.conf", &errs)
	if hn, err := lookupHOCON(conf, "jicofo.xmpp.client.hostname"); err != nil || hn != host {
		errs = append(errs, consErr("jicofo.conf hostname %q (%v) differs from -host=%s", hn, err, host))
	}
	if !strings.HasPrefix(rc["pkg_scripts"], "jicofo") {
		errs = append(errs, consErr("%s: pkg_scripts %q does not start jicofo", p.Focus.Name, rc["pkg_scripts"]))
	}
	return errs
}

// checkBridges: each bridge reaches the XMPP guest by the name in its
// jvb.conf; its UDP port is the one the host redirects to it; its NAT
// addresses are its own and the public one; SCTP equals the focus's.
func checkBridges(p *Plan, t Tree) []error {
	var errs []error
	focusSCTP, err := lookupHOCON(read(t, p.Focus.Name, "/etc/jicofo/jicofo.conf", &errs), "jicofo.sctp.enabled")
	if err != nil {
		errs = append(errs, consErr("jicofo.conf: %v", err))
	}
	rdr := hostRedirects(t, "udp", &errs)
	for _, b := range p.Bridges {
		base := "videobridge.apis.xmpp-client.configs." + macro(p.XMPP.Name) + "."
		v, err := hoconValues(read(t, b.Name, "/etc/jvb/jvb.conf", &errs),
			base+"hostname", "videobridge.sctp.enabled", "videobridge.ice.udp.port")
		if err != nil {
			errs = append(errs, consErr("%s/etc/jvb/jvb.conf: %v", b.Name, err))
			continue
		}
		hn, port := v[base+"hostname"], v["videobridge.ice.udp.port"]
		if a, rerr := resolve(t, b.Name, hn); rerr != nil || a != p.Addr[p.XMPP.Name] {
			errs = append(errs, consErr("%s: jvb.conf hostname %q resolves to %v, want xmpp guest %s", b.Name, hn, a, p.Addr[p.XMPP.Name]))
		}
		if s := v["videobridge.sctp.enabled"]; s != focusSCTP {
			errs = append(errs, consErr("%s: sctp.enabled %s but jicofo.conf says %s (pitfall: disable SCTP on both)", b.Name, s, focusSCTP))
		}
		if rdr[port] != p.Addr[b.Name].String() {
			errs = append(errs, consErr("%s: ice.udp.port %s, but the host redirects that port to %q", b.Name, port, rdr[port]))
		}
		props, err := parseProperties(read(t, b.Name, "/etc/jvb/sip-communicator.properties", &errs))
		const pre = "org.ice4j.ice.harvest.NAT_HARVESTER_"
		if err != nil || props[pre+"LOCAL_ADDRESS"] != p.Addr[b.Name].String() || props[pre+"PUBLIC_ADDRESS"] != p.D.Host.PublicAddress.String() {
			errs = append(errs, consErr("%s: sip-communicator.properties NAT addresses %v (%v)", b.Name, props, err))
		}
	}
	return errs
}

// checkSecretsAgree: the passwords in jicofo.conf and every jvb.conf are
// the ones the XMPP guest registers.
func checkSecretsAgree(p *Plan, t Tree) []error {
	var errs []error
	acct := accountPasswords(read(t, p.XMPP.Name, accountsPath, &errs))
	pw, _ := lookupHOCON(read(t, p.Focus.Name, "/etc/jicofo/jicofo.conf", &errs), "jicofo.xmpp.client.password")
	if pw == "" || acct["focus@"+p.Names.Auth] != pw {
		errs = append(errs, consErr("focus password in jicofo.conf differs from the one registered on %s", p.XMPP.Name))
	}
	for _, b := range p.Bridges {
		conf := read(t, b.Name, "/etc/jvb/jvb.conf", &errs)
		pw, _ := lookupHOCON(conf, "videobridge.apis.xmpp-client.configs."+macro(p.XMPP.Name)+".password")
		if pw == "" || acct["jvb@"+p.Names.Auth] != pw {
			errs = append(errs, consErr("%s: jvb password in jvb.conf differs from the one registered on %s", b.Name, p.XMPP.Name))
		}
	}
	return errs
}

func itoa(n int) string { return strconv.Itoa(n) }
