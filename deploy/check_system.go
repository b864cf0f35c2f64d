package deploy

import (
	"bufio"
	"bytes"
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strings"
)

// parseHosts reads an /etc/hosts file into name → address (the IPv4 one
// when a name has both), rejecting malformed lines and a name mapped
// twice within one address family.
func parseHosts(data []byte) (map[string]netip.Addr, error) {
	m := map[string]netip.Addr{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		a, err := netip.ParseAddr(f[0])
		if err != nil || len(f) < 2 {
			return nil, fmt.Errorf("line %d: want ADDRESS NAME...", n)
		}
		for _, name := range f[1:] {
			if prev, dup := m[name]; dup && prev != a && prev.Is4() == a.Is4() {
				return nil, fmt.Errorf("line %d: %s mapped to %s and %s", n, name, prev, a)
			}
			if a.Is4() || !m[name].IsValid() {
				m[name] = a
			}
		}
	}
	return m, nil
}

var rcLine = regexp.MustCompile(`^([a-z][a-z0-9_]*)_(flags|user|logger|execdir|rtable|timeout)=(.*)$|^(pkg_scripts)=(.*)$`)

// parseRCConf checks rc.conf.local the way rc.subr reads it (only
// *_flags and friends, and pkg_scripts) and that the lines are sorted as
// rcctl leaves them; it returns key → value.
func parseRCConf(data []byte) (map[string]string, error) {
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if !sort.StringsAreSorted(lines) {
		return nil, fmt.Errorf("lines are not sorted the way rcctl writes them")
	}
	m := map[string]string{}
	for i, l := range lines {
		mm := rcLine.FindStringSubmatch(l)
		if mm == nil {
			return nil, fmt.Errorf("line %d: %q is not a variable rc.subr reads", i+1, l)
		}
		key, val := mm[1]+"_"+mm[2], mm[3]
		if mm[4] != "" {
			key, val = mm[4], mm[5]
		}
		if strings.ContainsAny(val, "#\"'`$\\") || strings.HasPrefix(val, " ") {
			return nil, fmt.Errorf("line %d: value %q needs quoting rc.subr does not do", i+1, val)
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("line %d: %s set twice", i+1, key)
		}
		m[key] = val
	}
	return m, nil
}
