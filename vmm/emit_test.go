package vmm

import (
	"os"
	"strings"
	"testing"
)

func guideConfig() Config {
	vms := []VM{{Name: "web", Enable: true, Memory: "2G",
		Disks:      []Disk{{"/home/vmm/web.qcow2", "qcow2"}},
		Interfaces: []Interface{{Local: true, Up: true}}}}
	for _, g := range []struct{ name, mem string }{{"xmpp", ""}, {"jicofo", "4G"}, {"jvb", "4G"}} {
		vms = append(vms, VM{Name: g.name, Parent: "web", Memory: g.mem,
			Disks: []Disk{{"/home/vmm/" + g.name + ".qcow2", "qcow2"}}})
	}
	return Config{VMs: vms}
}

func TestEmitGuide(t *testing.T) {
	out, err := Emit(guideConfig())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile("testdata/valid/guide.conf")
	wantBody := strings.SplitN(string(want), "\n", 2)[1]
	if string(out) != wantBody {
		t.Errorf("got\n%s\nwant\n%s", out, wantBody)
	}
}

func TestEmitRejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Config)
		msg    string
	}{
		{"bare memory", func(c *Config) { c.VMs[0].Memory = "2048" }, "no unit"},
		{"bad name", func(c *Config) { c.VMs[1].Name = "_x" }, "vm name"},
		{"quote in path", func(c *Config) { c.VMs[1].Disks[0].Path = `/a"b` }, "cannot be quoted"},
		{"instance first", func(c *Config) { c.VMs[0], c.VMs[1] = c.VMs[1], c.VMs[0] }, "undefined vm"},
		{"bad group", func(c *Config) { c.VMs[0].Interfaces[0].Group = "vm0" }, "not ending in a digit"},
		{"reserved word name is quoted", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := guideConfig()
			if tc.mutate == nil {
				c.VMs[1].Name = "disk"
				if _, err := Emit(c); err != nil {
					t.Fatalf("vm named after a keyword: %v", err)
				}
				return
			}
			tc.mutate(&c)
			if _, err := Emit(c); err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Emit error %v, want %q", err, tc.msg)
			}
		})
	}
}
