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
	ifc := Interface{Local: first.Text == "local"}
	if ifc.Local {
		if err := p.Expect("interface"); err != nil {
			return err
		}
	}
	t, err := p.Peek()
	if err != nil {
		return err
	}
	if t.Kind == tWord && !reserved[t.Text] || t.Kind == tString {
		if !tapName.MatchString(t.Text) {
			return lineErr(ErrSyntax, t.Line, "interface name %q: want tap or tapN", t.Text)
		}
		ifc.Name = p.Take().Text
	}
	braced, err := p.Accept("{")
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
			if ok, err := p.Accept("}"); err != nil || ok {
				return err
			}
		}
		t, err := p.Peek()
		if err != nil {
			return err
		}
		if !braced && (t.Kind == tNL || t.Kind == tEOF || t.Kind == tPunct && t.Text == "}") {
			return nil
		}
		if err := p.ifaceOpt(ifc); err != nil {
			return err
		}
		if _, err := p.Accept(","); err != nil {
			return err
		}
	}
}

func (p *parser) ifaceOpt(ifc *Interface) error {
	t, err := p.Next()
	if err != nil {
		return err
	}
	switch t.Text {
	case "up":
		ifc.Up = true
	case "down":
		ifc.Down = true
	case "group":
		if ifc.Group, err = p.str("group"); err == nil {
			err = checkGroup(t.Line, ifc.Group)
		}
	case "switch":
		ifc.Switch, err = p.str("switch name")
	case "locked":
		ifc.Locked = true
		if err = p.Expect("lladdr"); err == nil {
			err = p.lladdr(ifc)
		}
	case "lladdr":
		err = p.lladdr(ifc)
	default:
		return lineErr(ErrSyntax, t.Line, "interface option %q is not in the emitted subset", t.Text)
	}
	return err
}

func (p *parser) lladdr(ifc *Interface) error {
	t, err := p.Peek()
	if err != nil {
		return err
	}
	if t.Kind == tWord && macAddr.MatchString(t.Text) {
		ifc.LLAddr = p.Take().Text
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
