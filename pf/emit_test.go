package pf

import (
	"errors"
	"strings"
	"testing"
)

func sampleRuleset() Ruleset {
	tcp := []string{"tcp"}
	return Ruleset{
		Header:  []string{"generated"},
		Macros:  []Macro{{"web", "100.64.1.3"}, {"vmnet", "100.64.0.0/10"}},
		Tables:  []Table{{Name: "admin", Flags: []string{"const"}, Addrs: []string{"192.0.2.0/24"}}},
		Options: []Option{{Name: "skip", Args: []string{"on", "lo"}}},
		Rules: []Rule{
			{Action: "block", BlockPolicy: "return", Log: true},
			{Action: "pass", Dir: "out"},
			{Action: "match", Dir: "out", On: []string{"egress"}, From: Endpoint{Hosts: []Host{{Addr: "$vmnet"}}},
				NatTo: &Redirect{Hosts: []Host{{Addr: "(egress)"}}}},
			{Action: "pass", Dir: "in", On: []string{"egress"}, Proto: tcp,
				To:      Endpoint{Hosts: []Host{{Addr: "(egress)"}}, Ports: []Port{{A: "80"}, {A: "443"}}},
				RdrTo:   &Redirect{Hosts: []Host{{Addr: "$web"}}},
				Comment: "web"},
			{Action: "pass", Dir: "in", Quick: true, Proto: tcp,
				From: Endpoint{Hosts: []Host{{Addr: "<admin>"}}}, To: Endpoint{Ports: []Port{{A: "22"}}},
				Label: `say "hi"`},
		},
	}
}

func TestEmitRoundTrip(t *testing.T) {
	out, err := Emit(sampleRuleset())
	if err != nil {
		t.Fatal(err)
	}
	want := `# generated

web = "100.64.1.3"
vmnet = "100.64.0.0/10"

table <admin> const { 192.0.2.0/24 }

set skip on lo

block return log
pass out
match out on egress from $vmnet nat-to (egress)
pass in on egress proto tcp to (egress) port { 80 443 } rdr-to $web # web
pass in quick proto tcp from <admin> to port 22 label "say \"hi\""
`
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	f, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if f.Rules[4].Label != `say "hi"` {
		t.Errorf("label %q", f.Rules[4].Label)
	}
}

func TestEmitRejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Ruleset)
		msg    string
	}{
		{"rdr on out", func(rs *Ruleset) { rs.Rules[3].Dir = "out" }, "rdr-to can only be used inbound"},
		{"nat on in", func(rs *Ruleset) { rs.Rules[2].Dir = "in" }, "nat-to can only be used outbound"},
		{"port no proto", func(rs *Ruleset) { rs.Rules[4].Proto = nil }, "port without proto"},
		{"undefined macro", func(rs *Ruleset) { rs.Macros = rs.Macros[:1] }, "not defined"},
		{"reserved macro name", func(rs *Ruleset) { rs.Macros[0].Name = "port" }, "expected a macro"},
		{"unquotable value", func(rs *Ruleset) { rs.Macros[0].Value = `a"b` }, "cannot be quoted"},
		{"reserved address", func(rs *Ruleset) { rs.Rules[3].RdrTo.Hosts[0].Addr = "table" }, "reserved word"},
		{"comment swallows", func(rs *Ruleset) { rs.Macros[0].Value = "x # y" }, "cannot be quoted"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs := sampleRuleset()
			tc.mutate(&rs)
			_, err := Emit(rs)
			if err == nil {
				t.Fatal("Emit succeeded")
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
			if !errors.Is(err, ErrEmit) && !errors.Is(err, ErrRule) && !errors.Is(err, ErrMacro) && !errors.Is(err, ErrSyntax) {
				t.Errorf("error %v wraps no sentinel", err)
			}
		})
	}
}
