package vmm

import (
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseGuide(t *testing.T) {
	src, err := os.ReadFile("testdata/valid/guide.conf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ name, parent, mem string }{
		{"web", "", "2G"}, {"xmpp", "web", ""}, {"jicofo", "web", "4G"}, {"jvb", "web", "4G"},
	}
	for i, w := range want {
		vm := f.VMs[i]
		if vm.Name != w.name || vm.Parent != w.parent || vm.Memory != w.mem || f.ID(w.name) != i+1 {
			t.Errorf("vm %d = %+v, want %+v", i+1, vm, w)
		}
	}
	if ifc := f.VMs[0].Interfaces; len(ifc) != 1 || !ifc[0].Local || !ifc[0].Up {
		t.Errorf("web interfaces %+v", ifc)
	}
}

func TestParseForms(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.conf")
	for _, name := range files {
		src, _ := os.ReadFile(name)
		if _, err := Parse(src); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	src, _ := os.ReadFile("testdata/valid/forms.conf")
	f, _ := Parse(src)
	spare := f.VMs[0]
	if spare.Disks[0].Path != "/home/vmm/spare.img" {
		t.Errorf("adjacent strings not joined: %q", spare.Disks[0].Path)
	}
	if spare.Interfaces[0].Group != "jitsi" || spare.Interfaces[0].LLAddr != "fe:e1:ba:d0:00:01" || !spare.Interfaces[1].Local {
		t.Errorf("interfaces %+v", spare.Interfaces)
	}
	if f.VMs[1].Disks[0].Format != "qcow2" || spare.Boot != "/bsd.rd" {
		t.Errorf("vm %+v", f.VMs[1])
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, msg string }{
		{"bare memory", "vm \"a\" {\n memory 2048\n}\n", "has no unit"},
		{"tiny memory", "vm \"a\" {\n memory 512K\n}\n", "minimum of 1M"},
		{"memory twice", "vm \"a\" {\n memory 1G\n memory 2G\n}\n", "more than once"},
		{"reserved name", "vm disk {\n}\n", "must be quoted"},
		{"bad name", "vm \"-a\" {\n}\n", "vm name"},
		{"dup", "vm \"a\" {\n}\nvm \"a\" {\n}\n", "defined twice"},
		{"orphan instance", "vm \"a\" instance \"b\" {\n}\n", "undefined vm"},
		{"nested instance", "vm \"a\" {\n}\nvm \"a\" instance \"b\" {\n}\nvm \"b\" instance \"c\" {\n}\n", "itself an instance"},
		{"group digit", "vm \"a\" {\n local interface { group \"g1\" }\n}\n", "not ending in a digit"},
		{"group long", "vm \"a\" {\n interface { group \"abcdefghijklmnop\" }\n}\n", "1-15 characters"},
		{"format", "vm \"a\" {\n disk \"/x\" format vmdk\n}\n", "want raw or qcow2"},
		{"two options", "vm \"a\" {\n enable disable\n}\n", "expected end of line"},
		{"undefined macro", "vm $x {\n}\n", "not defined"},
		{"prefix len", "local prefix 100.64.0.0/24\n", "length 1-16"},
		{"unterminated", "vm \"a {\n}\n", "unterminated"},
		{"unsupported", "switch \"s\" {\n}\n", "not in the emitted subset"},
		{"both", "vm \"a\" {\n enable\n disable\n}\n", "both enable and disable"},
		{"runaway", "a = \"$a\"\nvm $a {\n}\n", "runs away"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			if err == nil {
				t.Fatalf("Parse(%q) succeeded", tc.src)
			}
			if !strings.Contains(err.Error(), tc.msg) || !strings.Contains(err.Error(), "line ") {
				t.Errorf("error %q does not mention %q and a line", err, tc.msg)
			}
		})
	}
}

func TestAddr(t *testing.T) {
	tests := []struct {
		id, idx     int
		host, guest string
	}{
		{1, 0, "100.64.1.2", "100.64.1.3"},
		{4, 0, "100.64.4.2", "100.64.4.3"},
		{4, 1, "100.64.4.4", "100.64.4.5"},
		{255, 0, "100.64.255.2", "100.64.255.3"},
		{256, 0, "100.65.0.2", "100.65.0.3"},
	}
	for _, tc := range tests {
		h, g, err := Addr(DefaultPrefix, tc.id, tc.idx)
		if err != nil || h.String() != tc.host || g.String() != tc.guest {
			t.Errorf("Addr(%d,%d) = %v %v %v, want %s %s", tc.id, tc.idx, h, g, err, tc.host, tc.guest)
		}
	}
	if _, _, err := Addr(netip.MustParsePrefix("10.0.0.0/16"), 256, 0); !errors.Is(err, ErrVM) {
		t.Errorf("id 256 in a /16: %v", err)
	}
	if _, _, err := Addr(DefaultPrefix, 0, 0); err == nil {
		t.Error("id 0 accepted")
	}
}

func TestMemoryBytes(t *testing.T) {
	for s, want := range map[string]uint64{"2G": 2 << 30, "512M": 512 << 20, "1.5g": 3 << 29, "1M": 1 << 20} {
		if got, err := MemoryBytes(s); err != nil || got != want {
			t.Errorf("MemoryBytes(%q) = %d, %v", s, got, err)
		}
	}
	for _, s := range []string{"2", "2GB", "G", "", "99999999999E"} {
		if _, err := MemoryBytes(s); err == nil {
			t.Errorf("MemoryBytes(%q) accepted", s)
		}
	}
}
