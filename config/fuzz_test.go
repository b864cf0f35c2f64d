package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func addFixtures(f *testing.F, pattern string) [][]byte {
	files, _ := filepath.Glob(pattern)
	var out [][]byte
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// checkErr requires every failure to be an *Error naming the file.
func checkErr(t *testing.T, err error, file string) {
	t.Helper()
	var ce *Error
	if err != nil && (!errors.As(err, &ce) || ce.File != file && ce.Key != "-host") {
		t.Fatalf("error %v (%T) is not an *Error naming %s", err, err, file)
	}
}

func FuzzParseHOCON(f *testing.F) {
	for _, seed := range addFixtures(f, "testdata/paper/*.conf") {
		f.Add(seed)
	}
	f.Add([]byte(sample))
	f.Add([]byte("a = [ { b = ${?x} }, \"\"\"t\"\"\" ]\nc.d += 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, parse := range []func(string, []byte) (*Doc, error){ParseHOCON, ParseHOCONRepair} {
			d, err := parse("f.conf", data)
			checkErr(t, err, "f.conf")
			if err != nil {
				continue
			}
			for _, k := range d.Leaves() {
				_, _ = d.String(k, "")
				_, _ = d.Int(k, 0)
				_, _ = d.Bool(k, false)
				_, _ = d.Duration(k, 0)
				_, _ = d.Strings(k, nil)
				_ = d.Fold(k)
				if d.Has(k) && d.Line(k) == 0 && len(d.Keys(k)) == 0 {
					t.Fatalf("leaf %q has no line", k)
				}
			}
			_ = d.Unknown(jvbSchema.known)
			_ = d.relocateStray(jvbSchema.known)
		}
	})
}

func FuzzParseProperties(f *testing.F) {
	for _, seed := range addFixtures(f, "testdata/paper/*.properties") {
		f.Add(seed)
	}
	f.Add([]byte("a\\=b : c\\u0041\\\n   d\n! x\n# y\\\nz"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseProperties("f.properties", data)
		checkErr(t, err, "f.properties")
		if err != nil {
			if err.(*Error).Line == 0 {
				t.Fatalf("error without line: %v", err)
			}
			return
		}
		for _, k := range p.Keys() {
			if _, ok := p.Get(k); !ok || p.Line(k) == 0 {
				t.Fatalf("key %q lost or without line", k)
			}
		}
	})
}

func FuzzLoadJVB(f *testing.F) {
	confs := addFixtures(f, "testdata/paper/jvb.conf")
	props := addFixtures(f, "testdata/paper/*.properties")
	f.Add(confs[0], props[0])
	f.Add([]byte("videobridge.apis.xmpp-client.configs.x { HOSTNAME = h }\n"), []byte("org.jitsi.videobridge.xmpp.user.a.PORT=x\n"))
	f.Fuzz(func(t *testing.T, conf, prop []byte) {
		p, err := ParseProperties("sc.properties", prop)
		if err != nil {
			return
		}
		c, err := ParseJVB("jvb.conf", conf, p)
		var ce *Error
		if err != nil && !errors.As(err, &ce) {
			t.Fatalf("error %v (%T) is not an *Error", err, err)
		}
		if err == nil && (c.ICE.UDPPort < 1 || c.ICE.UDPPort > 65535) {
			t.Fatalf("invalid port %d accepted", c.ICE.UDPPort)
		}
	})
}
