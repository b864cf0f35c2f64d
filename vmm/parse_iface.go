package vmm

import (
	"regexp"
	"strings"
)

var (
	tapName = regexp.MustCompile(`^tap[0-9]*$`)
	macAddr = regexp.MustCompile(`^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$`)
)

// iface parses `[local] interface [tap|tapN] [{ opts } | opts]`.
func (p *parser) iface(vm *VM, first token) error {
	ifc := Interface{Local: first.text == "local"}
	if ifc.Local {
		if err := p.expect("interface"); err != nil {
			return err
		}
	}
	t, err := p.peek()
	if err != nil {
		return err
	}
	if t.kind == tWord && !reserved[t.text] || t.kind == tString {
		if !tapName.MatchString(t.text) {
			return lineErr(ErrSyntax, t.line, "interface name %q: want tap or tapN", t.text)
		}
		ifc.Name = p.take().text
	}
	braced, err := p.accept("{")
	if err != nil {
		return err
	}
	if err := p.ifaceOpts(&ifc, braced); err != nil {
		return err
	}
	vm.Interfaces = append(vm.Interfaces, ifc)
	return nil
}

// ifaceOpts parses interface options; inside braces newlines separate
// them, otherwise they run to the end of the line.
func (p *parser) ifaceOpts(ifc *Interface, braced bool) error {
	for {
		if braced {
			if err := p.skipNL(); err != nil {
				return err
			}
			if ok, err := p.accept("}"); err != nil || ok {
				return err
			}
		}
		t, err := p.peek()
		if err != nil {
			return err
		}
		if !braced && (t.kind == tNL || t.kind == tEOF || t.kind == tPunct && t.text == "}") {
			return nil
		}
		if err := p.ifaceOpt(ifc); err != nil {
			return err
		}
		if _, err := p.accept(","); err != nil {
			return err
		}
	}
}

func (p *parser) ifaceOpt(ifc *Interface) error {
	t, err := p.next()
	if err != nil {
		return err
	}
	switch t.text {
	case "up":
		ifc.Up = true
	case "down":
		ifc.Down = true
	case "group":
		if ifc.Group, err = p.str("group"); err == nil {
			err = checkGroup(t.line, ifc.Group)
		}
	case "switch":
		ifc.Switch, err = p.str("switch name")
	case "locked":
		ifc.Locked = true
		if err = p.expect("lladdr"); err == nil {
			err = p.lladdr(ifc)
		}
	case "lladdr":
		err = p.lladdr(ifc)
	default:
		return lineErr(ErrSyntax, t.line, "interface option %q is not in the emitted subset", t.text)
	}
	return err
}

func (p *parser) lladdr(ifc *Interface) error {
	t, err := p.peek()
	if err != nil {
		return err
	}
	if t.kind == tWord && macAddr.MatchString(t.text) {
		ifc.LLAddr = p.take().text
	}
	return nil
}

// checkGroup applies vmd's rule for interface group names.
func checkGroup(line int, g string) error {
	if g == "" || len(g) > 15 || strings.ContainsAny(g[len(g)-1:], "0123456789") {
		return lineErr(ErrVM, line, "interface group %q: 1-15 characters, not ending in a digit", g)
	}
	return nil
}
