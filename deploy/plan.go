package deploy

import (
	"fmt"
	"io"
	"net/netip"
	"sort"
	"strings"

	"github.com/jitsi-go/jitsi-go/vmm"
)

// Plan is a validated description with everything derived from it: the
// vmd IDs and addresses, bridge ports, secrets and XMPP names.
type Plan struct {
	D        *Description
	Guests   []Guest // in vm.conf (ID) order
	ID       map[string]int
	Addr     map[string]netip.Addr // guest side of the first local interface
	Gateway  map[string]netip.Addr // host side of it
	Port     map[string]int        // bridge UDP ports
	FocusPW  string
	JVBPW    string
	VMConf   []byte // the emitted vm.conf the addresses were computed from
	Web      Guest
	XMPP     Guest
	Focus    Guest
	Bridges  []Guest // in ID order
	Names    Names
	Template string // the VM whose block the others are instances of
}

// Names are the XMPP names of the deployment.
type Names struct {
	Domain     string // D: anonymous clients
	Auth       string // auth.D: focus and jvb accounts
	Conference string // conference.D: conference MUC
	Internal   string // internal.auth.D: brewery MUC
	Focus      string // focus.D: client_proxy to focus@auth.D
	Brewery    string // JvbBrewery@internal.auth.D
}

// NewPlan validates d and derives the plan. rand supplies generated
// secrets (crypto/rand.Reader in the command).
func NewPlan(d *Description, rand io.Reader) (*Plan, error) {
	if err := Validate(d); err != nil {
		return nil, err
	}
	ids, err := assignIDs(d.Guests)
	if err != nil {
		return nil, err
	}
	ports, err := assignPorts(d)
	if err != nil {
		return nil, err
	}
	p := &Plan{D: d, ID: ids, Port: ports, Addr: map[string]netip.Addr{}, Gateway: map[string]netip.Addr{}}
	p.Guests = append([]Guest(nil), d.Guests...)
	sort.SliceStable(p.Guests, func(i, j int) bool { return ids[p.Guests[i].Name] < ids[p.Guests[j].Name] })
	p.Names = newNames(d.Domain)
	p.pickRoles()
	if err := p.secrets(rand); err != nil {
		return nil, err
	}
	if err := p.addresses(); err != nil {
		return nil, err
	}
	return p, nil
}

func newNames(d string) Names {
	return Names{Domain: d, Auth: "auth." + d, Conference: "conference." + d,
		Internal: "internal.auth." + d, Focus: "focus." + d, Brewery: "JvbBrewery@internal.auth." + d}
}

func (p *Plan) pickRoles() {
	for _, g := range p.Guests {
		switch g.Role {
		case RoleWeb:
			p.Web = g
		case RoleXMPP:
			p.XMPP = g
		case RoleFocus:
			p.Focus = g
		case RoleBridge:
			p.Bridges = append(p.Bridges, g)
		}
	}
	p.Template = p.Guests[0].Name
}

// addresses emits vm.conf, parses it back and computes every guest's
// addresses from the parsed file order, as vmd does.
func (p *Plan) addresses() error {
	out, err := emitVMConf(p)
	if err != nil {
		return err
	}
	f, err := vmm.Parse(out)
	if err != nil {
		return fileErr(ErrEmit, "host/etc/vm.conf", err)
	}
	p.VMConf = out
	for _, g := range p.Guests {
		host, guest, err := vmm.Addr(vmm.DefaultPrefix, f.ID(g.Name), 0)
		if err != nil {
			return fileErr(ErrEmit, "host/etc/vm.conf", err)
		}
		p.Addr[g.Name], p.Gateway[g.Name] = guest, host
	}
	return nil
}

const secretAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

func (p *Plan) secrets(rand io.Reader) error {
	var err error
	if p.FocusPW, err = secret(p.D.Secrets.Focus, rand); err != nil {
		return err
	}
	p.JVBPW, err = secret(p.D.Secrets.JVB, rand)
	return err
}

// secret returns s, or 24 random characters when s is Generate.
func secret(s string, rand io.Reader) (string, error) {
	if s != Generate {
		return s, nil
	}
	buf := make([]byte, 24)
	if _, err := io.ReadFull(rand, buf); err != nil {
		return "", fmt.Errorf("generating a secret: %w", err)
	}
	var b strings.Builder
	for _, c := range buf {
		b.WriteByte(secretAlphabet[int(c)%len(secretAlphabet)])
	}
	return b.String(), nil
}

// macro is the pf macro name of a guest (pf macros take no '-').
func macro(name string) string { return strings.ReplaceAll(name, "-", "_") }
