package vmm

import "net/netip"

// localPrefix parses `local prefix A/len` (IPv4, length 1-16 as vmd's
// current parser accepts).
func (p *parser) localPrefix() error {
	p.take()
	if err := p.expect("prefix"); err != nil {
		return err
	}
	t, err := p.next()
	if err != nil {
		return err
	}
	pfx, perr := netip.ParsePrefix(t.text)
	if perr != nil || !pfx.Addr().Is4() || pfx.Bits() < 1 || pfx.Bits() > 16 || pfx.Masked() != pfx {
		return lineErr(ErrSyntax, t.line, "invalid local prefix %q (IPv4 network, length 1-16)", t.text)
	}
	p.file.LocalPrefix = t.text
	return p.endStatement()
}

// vm parses `vm NAME [instance CHILD] { options }`.
func (p *parser) vm() error {
	kw := p.take()
	name, err := p.str("vm name")
	if err != nil {
		return err
	}
	vm := VM{Name: name, Line: kw.line}
	if ok, err := p.accept("instance"); err != nil {
		return err
	} else if ok {
		vm.Parent = name
		if vm.Name, err = p.str("instance name"); err != nil {
			return err
		}
	}
	if err := p.expect("{"); err != nil {
		return err
	}
	if err := p.vmBody(&vm); err != nil {
		return err
	}
	if err := p.register(vm); err != nil {
		return err
	}
	return p.endStatement()
}

// vmBody parses newline-separated options up to the closing brace.
func (p *parser) vmBody(vm *VM) error {
	for {
		if err := p.skipNL(); err != nil {
			return err
		}
		if ok, err := p.accept("}"); err != nil || ok {
			return err
		}
		if err := p.vmOption(vm); err != nil {
			return err
		}
		t, err := p.peek()
		if err != nil {
			return err
		}
		if t.kind != tNL && !(t.kind == tPunct && t.text == "}") {
			return p.unexpected("expected end of line after vm option")
		}
	}
}

func (p *parser) vmOption(vm *VM) error {
	t, err := p.next()
	if err != nil {
		return err
	}
	if t.kind != tWord {
		return lineErr(ErrSyntax, t.line, "expected a vm option, found %q", t.text)
	}
	switch t.text {
	case "enable":
		vm.Enable = true
	case "disable":
		vm.Disable = true
	case "memory":
		return p.memory(vm, t.line)
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
		return lineErr(ErrSyntax, t.line, "vm option %q is not in the emitted subset", t.text)
	}
	return err
}

func (p *parser) memory(vm *VM, line int) error {
	if vm.Memory != "" {
		return lineErr(ErrVM, line, "vm %q: memory specified more than once", vm.Name)
	}
	t, err := p.next()
	if err != nil {
		return err
	}
	if _, err := MemoryBytes(t.text); err != nil {
		return lineErr(ErrVM, t.line, "vm %q: %v", vm.Name, err)
	}
	vm.Memory = t.text
	return nil
}

func (p *parser) disk(vm *VM) error {
	path, err := p.str("disk path")
	if err != nil {
		return err
	}
	d := Disk{Path: path}
	if ok, err := p.accept("format"); err != nil {
		return err
	} else if ok {
		f, err := p.next()
		if err != nil {
			return err
		}
		if f.text != "raw" && f.text != "qcow2" {
			return lineErr(ErrSyntax, f.line, "disk format %q: want raw or qcow2", f.text)
		}
		d.Format = f.text
	}
	vm.Disks = append(vm.Disks, d)
	return nil
}
