package vmm

import "net/netip"

// localPrefix parses `local prefix A/len` (IPv4, length 1-16 as vmd's
// current parser accepts).
func (p *parser) localPrefix() error {
	p.Take()
	if err := p.Expect("prefix"); err != nil {
		return err
	}
	t, err := p.Next()
	if err != nil {
		return err
	}
	pfx, perr := netip.ParsePrefix(t.Text)
	if perr != nil || !pfx.Addr().Is4() || pfx.Bits() < 1 || pfx.Bits() > 16 || pfx.Masked() != pfx {
		return lineErr(ErrSyntax, t.Line, "invalid local prefix %q (IPv4 network, length 1-16)", t.Text)
	}
	p.file.LocalPrefix = t.Text
	return p.EndStatement()
}

// vm parses `vm NAME [instance CHILD] { options }`.
func (p *parser) vm() error {
	kw := p.Take()
	name, err := p.str("vm name")
	if err != nil {
		return err
	}
	vm := VM{Name: name, Line: kw.Line}
	if ok, err := p.Accept("instance"); err != nil {
		return err
	} else if ok {
		vm.Parent = name
		if vm.Name, err = p.str("instance name"); err != nil {
			return err
		}
	}
	if err := p.Expect("{"); err != nil {
		return err
	}
	if err := p.vmBody(&vm); err != nil {
		return err
	}
	if err := p.register(vm); err != nil {
		return err
	}
	return p.EndStatement()
}

// vmBody parses newline-separated options up to the closing brace.
func (p *parser) vmBody(vm *VM) error {
	for {
		if err := p.skipNL(); err != nil {
			return err
		}
		if ok, err := p.Accept("}"); err != nil || ok {
			return err
		}
		if err := p.vmOption(vm); err != nil {
			return err
		}
		t, err := p.Peek()
		if err != nil {
			return err
		}
		if t.Kind != tNL && !(t.Kind == tPunct && t.Text == "}") {
			return p.Unexpected("expected end of line after vm option")
		}
	}
}

func (p *parser) vmOption(vm *VM) error {
	t, err := p.Next()
	if err != nil {
		return err
	}
	if t.Kind != tWord {
		return lineErr(ErrSyntax, t.Line, "expected a vm option, found %q", t.Text)
	}
	switch t.Text {
	case "enable":
		vm.Enable = true
	case "disable":
		vm.Disable = true
	case "memory":
		return p.memory(vm, t.Line)
	case "disk":
		return p.disk(vm)
	case "local", "interface":
		return p.iface(vm, t)
	case "boot":
		vm.Boot, err = p.str("boot path")
	case "cdrom":
		vm.CDROM, err = p.str("cdrom path")
	case "owner":
		vm.Owner, err = p.str("owner")
	default:
		return lineErr(ErrSyntax, t.Line, "vm option %q is not in the emitted subset", t.Text)
	}
	return err
}

func (p *parser) memory(vm *VM, line int) error {
	if vm.Memory != "" {
		return lineErr(ErrVM, line, "vm %q: memory specified more than once", vm.Name)
	}
	t, err := p.Next()
	if err != nil {
		return err
	}
	if _, err := MemoryBytes(t.Text); err != nil {
		return lineErr(ErrVM, t.Line, "vm %q: %v", vm.Name, err)
	}
	vm.Memory = t.Text
	return nil
}

func (p *parser) disk(vm *VM) error {
	path, err := p.str("disk path")
	if err != nil {
		return err
	}
	d := Disk{Path: path}
	if ok, err := p.Accept("format"); err != nil {
		return err
	} else if ok {
		f, err := p.Next()
		if err != nil {
			return err
		}
		if f.Text != "raw" && f.Text != "qcow2" {
			return lineErr(ErrSyntax, f.Line, "disk format %q: want raw or qcow2", f.Text)
		}
		d.Format = f.Text
	}
	vm.Disks = append(vm.Disks, d)
	return nil
}
