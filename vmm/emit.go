package vmm

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
)

// Config is what Emit renders: header comments, an optional local prefix
// and the VMs in ID order. A VM with a Parent is written in the
// `vm "parent" instance "name"` form and holds only what differs.
type Config struct {
	Header      []string
	LocalPrefix string
	VMs         []VM
}

// Emit renders c as vm.conf text and parses it back; it returns an error,
// never text, if the parser rejects it or reads back different VMs.
func Emit(c Config) ([]byte, error) {
	var b bytes.Buffer
	for _, h := range c.Header {
		if strings.ContainsRune(h, '\n') {
			return nil, fmt.Errorf("%w: header line contains a newline", ErrEmit)
		}
		fmt.Fprintf(&b, "# %s\n", h)
	}
	if c.LocalPrefix != "" {
		fmt.Fprintf(&b, "local prefix %s\n", c.LocalPrefix)
	}
	for _, vm := range c.VMs {
		if err := renderVM(&b, vm); err != nil {
			return nil, err
		}
	}
	f, err := Parse(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("emitted vm.conf does not parse: %w", err)
	}
	if len(f.VMs) != len(c.VMs) {
		return nil, fmt.Errorf("%w: %d vms emitted, %d parsed back", ErrEmit, len(c.VMs), len(f.VMs))
	}
	for i, want := range c.VMs {
		got := f.VMs[i]
		want.Line = got.Line
		if !reflect.DeepEqual(normal(want), normal(got)) {
			return nil, fmt.Errorf("%w: vm %q parsed back as %+v", ErrEmit, want.Name, got)
		}
	}
	return b.Bytes(), nil
}

func normal(vm VM) VM {
	if len(vm.Disks) == 0 {
		vm.Disks = nil
	}
	if len(vm.Interfaces) == 0 {
		vm.Interfaces = nil
	}
	return vm
}

// quote writes s in double quotes; a string holding a quote, newline or
// NUL cannot be written.
func quote(s string) (string, error) {
	if strings.ContainsAny(s, "\"\n\x00\\") {
		return "", fmt.Errorf("%w: %q cannot be quoted", ErrEmit, s)
	}
	return `"` + s + `"`, nil
}

func renderVM(b *bytes.Buffer, vm VM) error {
	name, err := quote(vm.Name)
	if err != nil {
		return err
	}
	head := "vm " + name
	if vm.Parent != "" {
		parent, err := quote(vm.Parent)
		if err != nil {
			return err
		}
		head = "vm " + parent + " instance " + name
	}
	lines, err := vmLines(vm)
	if err != nil {
		return err
	}
	b.WriteString(head + " {\n")
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	b.WriteString("}\n")
	return nil
}

func vmLines(vm VM) ([]string, error) {
	var lines []string
	if vm.Enable {
		lines = append(lines, "enable")
	}
	if vm.Disable {
		lines = append(lines, "disable")
	}
	if vm.Memory != "" {
		lines = append(lines, "memory "+vm.Memory)
	}
	for _, kv := range [][2]string{{"boot", vm.Boot}, {"cdrom", vm.CDROM}, {"owner", vm.Owner}} {
		if kv[1] != "" {
			q, err := quote(kv[1])
			if err != nil {
				return nil, err
			}
			lines = append(lines, kv[0]+" "+q)
		}
	}
	for _, d := range vm.Disks {
		q, err := quote(d.Path)
		if err != nil {
			return nil, err
		}
		if d.Format != "" {
			q += " format " + d.Format
		}
		lines = append(lines, "disk "+q)
	}
	for _, ifc := range vm.Interfaces {
		l, err := ifaceLine(ifc)
		if err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, nil
}

func ifaceLine(ifc Interface) (string, error) {
	w := []string{"interface"}
	if ifc.Local {
		w = []string{"local", "interface"}
	}
	if ifc.Name != "" {
		w = append(w, ifc.Name)
	}
	var opts []string
	for _, kv := range [][2]string{{"group", ifc.Group}, {"switch", ifc.Switch}} {
		if kv[1] != "" {
			q, err := quote(kv[1])
			if err != nil {
				return "", err
			}
			opts = append(opts, kv[0]+" "+q)
		}
	}
	if ifc.Locked {
		opts = append(opts, "locked lladdr "+ifc.LLAddr)
	} else if ifc.LLAddr != "" {
		opts = append(opts, "lladdr "+ifc.LLAddr)
	}
	if ifc.Up {
		opts = append(opts, "up")
	}
	if ifc.Down {
		opts = append(opts, "down")
	}
	if len(opts) > 0 {
		w = append(w, "{", strings.Join(opts, " "), "}")
	}
	return strings.TrimSpace(strings.Join(w, " ")), nil
}
