package pf

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseValidFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.conf")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(src)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(f.Rules) == 0 {
			t.Errorf("%s: no rules parsed", name)
		}
	}
}

func TestParseHostFixture(t *testing.T) {
	src, _ := os.ReadFile("testdata/valid/host.conf")
	f, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var rdr []string
	for _, r := range f.Rules {
		if r.RdrTo != nil {
			rdr = append(rdr, r.RdrTo.Hosts[0].Addr)
		}
	}
	want := "100.64.1.3 100.64.4.3 192.0.2.53"
	if got := strings.Join(rdr, " "); got != want {
		t.Errorf("rdr-to targets %q, want %q", got, want)
	}
	if len(f.Tables) != 2 || f.Tables[0].Addrs[1] != "198.51.100.7" {
		t.Errorf("tables %+v", f.Tables)
	}
	r := f.Rules[6]
	if r.Comment != "" || r.From.Hosts[0].Addr != "100.64.4.3" || r.To.Ports[0].A != "5222" {
		t.Errorf("rule 7 parsed as %+v", r)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		sentinel  error
		msg       string
	}{
		{"rdr on out", "pass out proto tcp to port 80 rdr-to 10.0.0.1\n", ErrRule, "rdr-to can only be used inbound"},
		{"rdr without dir", "pass proto tcp to port 80 rdr-to 10.0.0.1\n", ErrRule, "rdr-to can only be used inbound"},
		{"nat on in", "match in from 10.0.0.0/8 nat-to (egress)\n", ErrRule, "nat-to can only be used outbound"},
		{"port without proto", "pass in to port 22\n", ErrRule, "port without proto"},
		{"port with icmp", "pass in proto icmp to port 22\n", ErrRule, "port only applies"},
		{"rdr no state", "pass in proto tcp to port 80 rdr-to 10.0.0.1 no state\n", ErrRule, "require keep state"},
		{"block rdr", "block in proto tcp to port 80 rdr-to 10.0.0.1\n", ErrRule, "block rules"},
		{"undefined macro", "pass in proto tcp to $web port 80\n", ErrMacro, `macro "web" not defined`},
		{"reserved macro", "port = \"1\"\n", ErrSyntax, "expected a macro"},
		{"reserved in value", "a = port\n", ErrMacro, "must be quoted"},
		{"reserved host", "pass in proto tcp to table port 80\n", ErrSyntax, "reserved word"},
		{"undefined table", "pass in from <nope>\n", ErrRule, "used before it is defined"},
		{"unterminated", "a = \"x\n", ErrSyntax, "unterminated"},
		{"bad port", "pass in proto tcp to port 70000\n", ErrSyntax, "out of range"},
		{"bad range", "pass in proto udp to port 10050:10000\n", ErrSyntax, "invalid port range"},
		{"junk", "pass in proto tcp to port 80 frobnicate\n", ErrSyntax, "unsupported rule option"},
		{"unknown set", "set nonsense 1\n", ErrSyntax, "unknown option"},
		{"table twice", "table <a> { 10.0.0.1 }\ntable <a> { 10.0.0.2 }\n", ErrRule, "defined twice"},
		{"table range", "table <a> { 10.0.0.1 - 10.0.0.2 }\n", ErrSyntax, ""},
		{"self macro", "a = \"$a\"\npass in from $a\n", ErrMacro, "runs away"},
		{"empty list", "pass in proto tcp to { } port 80\n", ErrSyntax, "empty host list"},
		{"line number", "\n\n\npass out proto tcp to port 80 rdr-to 10.0.0.1\n", ErrRule, "line 4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			if err == nil {
				t.Fatalf("Parse(%q) succeeded", tc.src)
			}
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("error %v is not %v", err, tc.sentinel)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
		})
	}
}

func TestMacroSemantics(t *testing.T) {
	src := "a = \"10.0.0.1\"\nb = \"10.0.0.2\"\nboth = \"{\" $a $b \"}\"\npass in proto tcp from $both to port 22\n"
	f, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Macros["both"]; got != "{ 10.0.0.1 10.0.0.2 }" {
		t.Errorf("macro both = %q", got)
	}
	if hs := f.Rules[0].From.Hosts; len(hs) != 2 || hs[1].Addr != "10.0.0.2" {
		t.Errorf("hosts %+v", hs)
	}
	// Inside quotes a $ is not expanded.
	f, err = Parse([]byte("x = \"$nope\"\n"))
	if err != nil || f.Macros["x"] != "$nope" {
		t.Errorf("quoted $ expanded: %v %q", err, f.Macros["x"])
	}
}
