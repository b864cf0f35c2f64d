package deploy

import (
	"fmt"

	"github.com/jitsi-go/jitsi-go/vmm"
)

// emitVMConf writes the host's /etc/vm.conf in the guide's template form:
// the first guest (ID 1) is a full `vm` block with `local interface
// { up }`; every other guest is an instance of it that states only its
// disk and, when it differs, its memory. File order is ID order.
func emitVMConf(p *Plan) ([]byte, error) {
	c := vmm.Config{Header: []string{
		fmt.Sprintf("/etc/vm.conf for %s, written by jitsi-deploy.", p.D.Domain),
		"VM IDs follow this file's order; guest N gets 100.64.N.3, the host side 100.64.N.2.",
	}}
	tmpl := p.Guests[0]
	for i, g := range p.Guests {
		vm := vmm.VM{Name: g.Name, Disks: []vmm.Disk{{Path: g.Disk, Format: diskFormat(g.Disk)}}}
		if i == 0 {
			vm.Enable = true
			vm.Memory = g.Memory
			vm.Interfaces = []vmm.Interface{{Local: true, Up: true}}
		} else {
			vm.Parent = tmpl.Name
			if g.Memory != tmpl.Memory {
				vm.Memory = g.Memory
			}
		}
		c.VMs = append(c.VMs, vm)
	}
	out, err := vmm.Emit(c)
	if err != nil {
		return nil, fileErr(ErrEmit, "host/etc/vm.conf", err)
	}
	return out, nil
}
