package multihost

import (
	"errors"
	"fmt"
	"net/netip"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jitsi-go/jitsi-go/deploy"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// Guest is one emitted guest running in its own namespace.
type Guest struct {
	Name    string
	NS      string       // network namespace name
	Root    string       // the guest's emitted tree: its chroot
	Addr    netip.Prefix // from hostname.vio0
	Gateway netip.Addr   // from mygate: the router's side of the link
}

// Lab is an emitted tree laid out in network namespaces: Router stands
// in for the vmd host (a tapN link per guest, forwarding on), Client for
// the internet the participants come from.
type Lab struct {
	Prefix     string // every namespace name starts with it
	Router     string
	Client     string
	ClientAddr netip.Prefix
	Guests     map[string]*Guest
	Dir        string // the tree is under Dir/root, logs under Dir/log

	ordered    []*Guest
	webs       []*Web
	namespaces []string
	procs      []*testenv.Process
}

// Ordered returns the guests in vm.conf order (by address), the order
// vmd starts them in.
func (l *Lab) Ordered() []*Guest { return append([]*Guest(nil), l.ordered...) }

// clientNet is the clients' link to the router (RFC 2544 test range).
var (
	clientNet    = netip.MustParsePrefix("198.18.0.2/24")
	clientRouter = netip.MustParsePrefix("198.18.0.1/24")
)

// NewLab writes tree under dir and creates the namespaces: prefix-host,
// prefix-client and one prefix-<guest> per machine of the tree other than
// "host". On error everything made so far is removed.
func NewLab(tree deploy.Tree, dir, prefix string) (*Lab, error) {
	l := &Lab{Prefix: prefix, Router: prefix + "-host", Client: prefix + "-client", ClientAddr: clientNet,
		Guests: map[string]*Guest{}, Dir: dir}
	if err := tree.Write(filepath.Join(dir, "root")); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	if err := l.build(tree); err != nil {
		return nil, errors.Join(err, l.Close())
	}
	return l, nil
}

func (l *Lab) build(tree deploy.Tree) error {
	if err := l.addNS(l.Router); err != nil {
		return err
	}
	if err := ip("netns", "exec", l.Router, "sysctl", "-qw", "net.ipv4.ip_forward=1"); err != nil {
		return err
	}
	guests, err := l.readGuests(tree)
	if err != nil {
		return err
	}
	for i, g := range guests {
		if err := l.addNS(g.NS); err != nil {
			return err
		}
		if err := l.link(fmt.Sprintf("tap%d", i), netip.PrefixFrom(g.Gateway, g.Addr.Bits()), g.NS, "vio0", g.Addr, g.Gateway); err != nil {
			return err
		}
	}
	if err := l.addNS(l.Client); err != nil {
		return err
	}
	return l.link("cl0", clientRouter, l.Client, "eth0", clientNet, clientRouter.Addr())
}

// readGuests reads every guest's hostname.vio0 and mygate, ordered by
// address (vm.conf order).
func (l *Lab) readGuests(tree deploy.Tree) ([]*Guest, error) {
	var out []*Guest
	for _, p := range tree.Paths() {
		machine, rest, _ := strings.Cut(p, "/")
		if machine == "host" || rest != "etc/hostname.vio0" {
			continue
		}
		hn, _ := tree.Get(machine, "/etc/hostname.vio0")
		gw, _ := tree.Get(machine, "/etc/mygate")
		addr, err := ParseHostnameIf(hn)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", machine, err)
		}
		gate, err := ParseMygate(gw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", machine, err)
		}
		if !addr.Contains(gate) {
			return nil, fmt.Errorf("%w: %s: mygate %s is outside %s", ErrParse, machine, gate, addr)
		}
		g := &Guest{Name: machine, NS: l.Prefix + "-" + machine, Root: filepath.Join(l.Dir, "root", machine), Addr: addr, Gateway: gate}
		l.Guests[machine] = g
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Addr.Addr().Less(out[j].Addr.Addr()) })
	l.ordered = out
	return out, nil
}

func (l *Lab) addNS(name string) error {
	if err := ip("netns", "add", name); err != nil {
		return err
	}
	l.namespaces = append(l.namespaces, name)
	return ip("-n", name, "link", "set", "lo", "up")
}

// link joins the router (side rdev, address raddr) to namespace ns (side
// dev, address addr, default route via gw) with a veth pair.
func (l *Lab) link(rdev string, raddr netip.Prefix, ns, dev string, addr netip.Prefix, gw netip.Addr) error {
	steps := [][]string{
		{"-n", l.Router, "link", "add", rdev, "type", "veth", "peer", "name", dev, "netns", ns},
		{"-n", l.Router, "addr", "add", raddr.String(), "dev", rdev},
		{"-n", ns, "addr", "add", addr.String(), "dev", dev},
		{"-n", l.Router, "link", "set", rdev, "up"},
		{"-n", ns, "link", "set", dev, "up"},
		{"-n", ns, "route", "add", "default", "via", gw.String()},
	}
	for _, s := range steps {
		if err := ip(s...); err != nil {
			return err
		}
	}
	return nil
}

// ip runs the ip(8) command.
func ip(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: ip %s: %v: %s", ErrSetup, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}
