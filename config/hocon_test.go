package config

import (
	"errors"
	"slices"
	"testing"
	"time"
)

const sample = `# a comment
a {
  b = 1          // trailing comment
  "c.d" = "x\ty\u0041"
  list = [ "p", q, 3 ]
  csv = "one, two ,,three"
  dur = 5 seconds
  ms = 750
  iso = "PT1M30S"
  host = xmpp.example.com
  words = hello   big world
  on = yes
  f = 0.8
}
a.e : true
a { b = 2 }
multi = """line1
line2"""
empty {}
nested { x { y = 1 } }
`

func TestDocGetters(t *testing.T) {
	d, err := ParseHOCON("s.conf", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	mustInt := func(k string, want int) {
		t.Helper()
		if got, err := d.Int(k, -1); err != nil || got != want {
			t.Errorf("Int(%q) = %d, %v; want %d", k, got, err, want)
		}
	}
	mustStr := func(k, want string) {
		t.Helper()
		if got, err := d.String(k, "?"); err != nil || got != want {
			t.Errorf("String(%q) = %q, %v; want %q", k, got, err, want)
		}
	}
	mustInt("a.b", 2)
	mustInt("a.ms", 750)
	mustInt("missing", -1)
	mustStr("a.host", "xmpp.example.com")
	mustStr("a.words", "hello   big world")
	mustStr("multi", "line1\nline2")
	mustStr("a.b", "2")
	mustStr("a.c.d", "x\tyA")
	if got, _ := d.Strings("a.list", nil); !slices.Equal(got, []string{"p", "q", "3"}) {
		t.Errorf("list = %q", got)
	}
	if got, _ := d.Strings("a.csv", nil); !slices.Equal(got, []string{"one", "two", "three"}) {
		t.Errorf("csv = %q", got)
	}
	for k, want := range map[string]time.Duration{"a.dur": 5 * time.Second, "a.ms": 750 * time.Millisecond,
		"a.iso": 90 * time.Second, "none": time.Hour} {
		if got, err := d.Duration(k, time.Hour); err != nil || got != want {
			t.Errorf("Duration(%q) = %v, %v; want %v", k, got, err, want)
		}
	}
	if b, err := d.Bool("a.on", false); err != nil || !b {
		t.Errorf("Bool(a.on) = %v, %v", b, err)
	}
	if b, err := d.Bool("a.e", false); err != nil || !b {
		t.Errorf("Bool(a.e) = %v, %v", b, err)
	}
	if f, err := d.Float("a.f", 0); err != nil || f != 0.8 {
		t.Errorf("Float(a.f) = %v, %v", f, err)
	}
	if got := d.Keys("a"); !slices.Equal(got, []string{"b", "c.d", "list", "csv", "dur", "ms", "iso", "host", "words", "on", "f", "e"}) {
		t.Errorf("Keys(a) = %q", got)
	}
	if got := d.Keys(""); !slices.Equal(got, []string{"a", "multi", "empty", "nested"}) {
		t.Errorf("Keys() = %q", got)
	}
	for k, want := range map[string]int{"a": 16, "a.b": 16, "a.e": 15, "a.list": 5, "a.list.1": 5, "multi": 17, "nested.x.y": 20, "zz": 0} {
		if got := d.Line(k); got != want {
			t.Errorf("Line(%q) = %d, want %d", k, got, want)
		}
	}
	if !d.Has("a.host") || d.Has("a.nope") || d.Has("") == false {
		t.Error("Has is wrong")
	}
}

func TestDocTypeErrors(t *testing.T) {
	d, err := ParseHOCON("jvb.conf", []byte("x {\n  port = \"abc\"\n  obj { a = 1 }\n  list = [1]\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		get  func() error
		msg  string
	}{
		{"int", func() error { _, err := d.Int("x.port", 0); return err }, `jvb.conf:2:3: x.port: want an integer, got "abc"`},
		{"bool", func() error { _, err := d.Bool("x.port", false); return err }, `jvb.conf:2:3: x.port: want a boolean, got "abc"`},
		{"dur", func() error { _, err := d.Duration("x.port", 0); return err }, `jvb.conf:2:3: x.port: want a duration (like "5 seconds" or "500ms"), got "abc"`},
		{"str", func() error { _, err := d.String("x.obj", ""); return err }, `jvb.conf:3:3: x.obj: want a string, got an object`},
		{"strs", func() error { _, err := d.Strings("x.obj", nil); return err }, `jvb.conf:3:3: x.obj: want a list or a comma-separated string, got an object`},
		{"intlist", func() error { _, err := d.Int("x.list", 0); return err }, `jvb.conf:4:3: x.list: want an integer, got a list`},
	}
	for _, c := range cases {
		err := c.get()
		var ce *Error
		if !errors.As(err, &ce) || !errors.Is(err, ErrType) || err.Error() != c.msg {
			t.Errorf("%s: got %v, want %s", c.name, err, c.msg)
		}
	}
}

func TestFold(t *testing.T) {
	d, err := ParseHOCON("f.conf", []byte("a { configs { X { HOSTNAME = h, MUC_JIDS = \"j1,j2\" } } }\n"))
	if err != nil {
		t.Fatal(err)
	}
	if k := d.Fold("a.configs.X.hostname"); k != "a.configs.X.HOSTNAME" {
		t.Errorf("Fold = %q", k)
	}
	if s, _ := d.String(d.Fold("a.configs.X.muc_jids"), ""); s != "j1,j2" {
		t.Errorf("MUC_JIDS = %q", s)
	}
}

func TestNoTrailingNewline(t *testing.T) {
	for _, text := range []string{"a { b = 1 }", "a = [1, 2]", "a = 1", "a { b { c = x } }"} {
		if _, err := ParseHOCON("n.conf", []byte(text)); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}
