package deploy

import (
	"fmt"

	"github.com/jitsi-go/jitsi-go/pf"
	"github.com/jitsi-go/jitsi-go/vmm"
)

// checkGuests applies the per-guest rules and the role counts.
func checkGuests(d *Description) []error {
	var errs []error
	names := map[string]string{}
	disks := map[string]string{}
	for i := range d.Guests {
		g := &d.Guests[i]
		if g.field == "" {
			g.field = fmt.Sprintf("deployment.guests[%d]", i)
		}
		errs = append(errs, checkGuest(*g)...)
		if prev, dup := names[g.Name]; dup && g.Name != "" {
			errs = append(errs, fieldErr(g.field+".name", "%q is already the name of %s", g.Name, prev))
		}
		names[g.Name] = g.field
		if prev, dup := disks[g.Disk]; dup && g.Disk != "" {
			errs = append(errs, fieldErr(g.field+".disk", "%q is already the disk of %s", g.Disk, prev))
		}
		disks[g.Disk] = g.field
	}
	for _, r := range []Role{RoleWeb, RoleXMPP, RoleFocus} {
		if n := d.Count(r); n != 1 {
			errs = append(errs, fieldErr("deployment.guests", "%d guests with role %s, want exactly 1", n, r))
		}
	}
	if n := d.Count(RoleBridge); n < 1 || n > maxBridges {
		errs = append(errs, fieldErr("deployment.guests", "%d guests with role bridge, want 1 to %d", n, maxBridges))
	}
	return errs
}

func checkGuest(g Guest) []error {
	var errs []error
	fail := func(key, format string, args ...any) {
		errs = append(errs, fieldErr(g.field+"."+key, format, args...))
	}
	switch {
	case !label.MatchString(g.Name) || g.Name == "localhost":
		fail("name", "%q: want a host name label (a-z, 0-9, '-', starting with a letter)", g.Name)
	case pf.IsReserved(g.Name):
		fail("name", "%q is a pf.conf reserved word; pick another name", g.Name)
	case hostMacros[g.Name]:
		fail("name", "%q is one of the emitted pf.conf's own macros; pick another name", g.Name)
	case vmm.ValidName(g.Name) != nil:
		fail("name", "%v", vmm.ValidName(g.Name))
	}
	switch g.Role {
	case RoleWeb, RoleXMPP, RoleFocus, RoleBridge:
	default:
		fail("role", "%q: want web, xmpp, focus or bridge", g.Role)
	}
	if _, err := vmm.MemoryBytes(g.Memory); err != nil {
		fail("memory", "%v", err)
	}
	if !pathText.MatchString(g.Disk) {
		fail("disk", "%q: want an absolute path of letters, digits and _ . - /", g.Disk)
	}
	if g.UDPPort != 0 && g.Role != RoleBridge {
		fail("udp-port", "only bridges take a UDP port")
	}
	if g.UDPPort != 0 && (g.UDPPort < 1024 || g.UDPPort > 65535) {
		fail("udp-port", "%d: want 1024-65535", g.UDPPort)
	}
	if g.ID < 0 {
		fail("id", "%d: want a positive vmd ID", g.ID)
	}
	return errs
}
