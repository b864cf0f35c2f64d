package config

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestPropertiesPaper(t *testing.T) {
	data, err := os.ReadFile("testdata/paper/sip-communicator.properties")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParseProperties("sip-communicator.properties", data)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		val  string
		line int
	}{
		propNATLocal:   {"100.64.4.3", 1},
		propNATPublic:  {"87.253.170.146", 3},
		propDisableAWS: {"true", 5},
	}
	if len(p.Keys()) != len(want) {
		t.Errorf("keys = %q", p.Keys())
	}
	for k, w := range want {
		if v, ok := p.Get(k); !ok || v != w.val || p.Line(k) != w.line {
			t.Errorf("%s = %q (line %d), want %q (line %d)", k, v, p.Line(k), w.val, w.line)
		}
	}
}

func TestPropertiesSyntax(t *testing.T) {
	text := "# comment\n! also a comment \\\nplain=1\n  spaced   :   two words  \nwhite space\n" +
		"esc\\=aped\\ key = v\\tx\\u0041\\\\\ncont = a\\\n    b\\\\\n" +
		"dup=first\ndup=second\nempty\ncrlf=1\r\nlast=end\\"
	p, err := ParseProperties("t.properties", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"plain": "1", "spaced": "two words  ", "white": "space", "esc=aped key": "v\txA\\",
		"cont": "ab\\", "dup": "second", "empty": "", "crlf": "1", "last": "end"}
	got := map[string]string{}
	for _, k := range p.Keys() {
		got[k], _ = p.Get(k)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if p.Line("dup") != 10 || p.Line("cont") != 7 || p.Line("empty") != 11 {
		t.Errorf("lines: dup %d cont %d empty %d", p.Line("dup"), p.Line("cont"), p.Line("empty"))
	}
	if k := p.Fold("PLAIN"); k != "plain" {
		t.Errorf("Fold = %q", k)
	}
}

func TestPropertiesErrors(t *testing.T) {
	for _, text := range []string{"a=1\nb=\\u12\n", "a=1\nb=\\u12G4\n", "a=1\n\\uZZZZ=1\n"} {
		_, err := ParseProperties("x.properties", []byte(text))
		var ce *Error
		if !errors.As(err, &ce) || ce.Line != 2 || !errors.Is(err, ErrSyntax) || !strings.HasPrefix(err.Error(), "x.properties:2: ") {
			t.Errorf("%q: got %v", text, err)
		}
	}
	p, _ := ParseProperties("x.properties", []byte("n = abc\nb = yes\n"))
	if _, err := p.Int("n", 0); err == nil || err.Error() != `x.properties:1: n: want an integer, got "abc"` {
		t.Errorf("Int: %v", err)
	}
	if _, err := p.Bool("b", false); !errors.Is(err, ErrType) {
		t.Errorf("Bool: %v", err)
	}
}
