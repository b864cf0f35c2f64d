package deploy

import (
	"os"
	"testing"
)

// FuzzLoad: the description loader (and the HOCON parser under it) never
// panics; what it accepts either validates or fails with ErrDescription.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"testdata/guide.conf", "testdata/xmppd-3bridges.conf"} {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte(baseDesc))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Load(src)
		if err != nil {
			return
		}
		_, _ = NewPlan(d, fixedRand())
	})
}

// FuzzSmallParsers: hosts, properties and rc.conf.local readers never
// panic, and what parseHosts accepts it accepts again when re-read.
func FuzzSmallParsers(f *testing.F) {
	f.Add([]byte("127.0.0.1\tlocalhost\n100.64.2.3 xmpp jts.fips.de # c\n"))
	f.Add([]byte("a.b=c\\\n  d\n! x\nk v\n"))
	f.Add([]byte("jicofo_flags=-host=jts.fips.de\npkg_scripts=jicofo\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if m, err := parseHosts(src); err == nil {
			for name, a := range m {
				again, err := parseHosts([]byte(a.String() + " " + name + "\n"))
				if err != nil || again[name] != a {
					t.Fatalf("%s %s did not re-read: %v", a, name, err)
				}
			}
		}
		_, _ = parseProperties(src)
		_, _ = parseRCConf(src)
		_ = checkNginx(src)
		_ = checkLua(src)
		_, _ = parseConfigJS(src)
	})
}
