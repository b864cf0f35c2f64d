package vmm

import (
	"fmt"
	"regexp"
)

var vmName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// maxNameLen is vmd's VMM_MAX_NAME_LEN minus the terminating NUL.
const maxNameLen = 63

// ValidName reports whether vmd's vm_register accepts name.
func ValidName(name string) error {
	if len(name) > maxNameLen || !vmName.MatchString(name) {
		return fmt.Errorf("%w: vm name %q: letters, digits, '.', '-', '_', not starting with '.', '-' or '_', at most %d characters",
			ErrVM, name, maxNameLen)
	}
	return nil
}

// register applies vmd's checks for a complete vm block and appends it.
func (p *parser) register(vm VM) error {
	if err := ValidName(vm.Name); err != nil {
		return fmt.Errorf("line %d: %w", vm.Line, err)
	}
	if vm.Enable && vm.Disable {
		return lineErr(ErrVM, vm.Line, "vm %q: both enable and disable", vm.Name)
	}
	if _, dup := p.file.Lookup(vm.Name); dup {
		return lineErr(ErrVM, vm.Line, "vm %q defined twice", vm.Name)
	}
	if vm.Parent != "" {
		parent, ok := p.file.Lookup(vm.Parent)
		if !ok {
			return lineErr(ErrVM, vm.Line, "instance %q of undefined vm %q", vm.Name, vm.Parent)
		}
		if parent.Parent != "" {
			return lineErr(ErrVM, vm.Line, "instance %q: template %q is itself an instance", vm.Name, vm.Parent)
		}
	}
	p.file.VMs = append(p.file.VMs, vm)
	return nil
}
