package vmm

// File is a parsed vm.conf: macros, the local prefix and the VMs in file
// order (which is also vmd's VM ID order).
type File struct {
	Macros      map[string]string
	LocalPrefix string // "" means vmd's default 100.64.0.0/10
	VMs         []VM
}

// VM is one `vm NAME [instance CHILD] { ... }` block. For an instance,
// Name is the child's name and Parent the template's.
type VM struct {
	Name       string
	Parent     string
	Enable     bool
	Disable    bool
	Memory     string // as written, with its unit ("2G")
	Disks      []Disk
	Interfaces []Interface
	Boot       string
	CDROM      string
	Owner      string
	Line       int
}

// Disk is `disk PATH [format raw|qcow2]`.
type Disk struct {
	Path   string
	Format string
}

// Interface is `[local] interface [tapN] [{ options }]`.
type Interface struct {
	Local  bool
	Name   string
	Group  string
	Switch string
	Up     bool
	Down   bool
	Locked bool
	LLAddr string
}

// ID returns vmd's VM ID for name (1-based file order), or 0 if absent.
func (f *File) ID(name string) int {
	for i, vm := range f.VMs {
		if vm.Name == name {
			return i + 1
		}
	}
	return 0
}

// Lookup returns the VM called name.
func (f *File) Lookup(name string) (VM, bool) {
	for _, vm := range f.VMs {
		if vm.Name == name {
			return vm, true
		}
	}
	return VM{}, false
}
