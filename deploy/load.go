package deploy

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"strconv"
	"strings"

	"github.com/gurkankaymak/hocon"
)

// LoadFile reads a description file; see Load.
func LoadFile(path string) (*Description, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDescription, err)
	}
	d, err := LoadNamed(path, src)
	var fe *FieldError
	if errors.As(err, &fe) { // syntax errors already name the file
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, err
}

// Load parses a HOCON description (root key `deployment`), reporting every
// missing, mistyped or unknown field by its path and line. It does not
// apply the rules of Validate, but remembers the lines for its messages.
func Load(src []byte) (*Description, error) { return LoadNamed("description", src) }

// LoadNamed is Load with the name syntax errors give for the text.
func LoadNamed(name string, src []byte) (*Description, error) {
	doc, cfg, err := parseNamed(name, src)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDescription, err)
	}
	var errs []error
	root, ok := cfg.GetRoot().(hocon.Object)
	if !ok {
		return nil, fieldErr("deployment", "the file must hold an object")
	}
	top := newObj("", root, &errs)
	o := top.object("deployment", true)
	top.unknown()
	if o == nil {
		addLines(errs, doc.Line)
		return nil, errors.Join(errs...)
	}
	d := loadDescription(o)
	o.unknown()
	d.lines = doc.Line
	addLines(errs, d.lines)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return d, nil
}

func loadDescription(o *obj) *Description {
	d := &Description{
		Domain:            o.str("domain", true),
		XMPPServer:        o.str("xmpp-server", false),
		SCTP:              o.boolean("sctp", false),
		ColibriWebsockets: o.boolean("colibri-websockets", true),
		STUNServers:       o.strList("stun-servers"),
	}
	if d.XMPPServer == "" {
		d.XMPPServer = ServerXMPPD
	}
	d.BridgeUDPPorts = loadRange(o, "bridge-udp-ports")
	if h := o.object("host", true); h != nil {
		d.Host = loadHost(h)
		h.unknown()
	}
	d.Secrets = loadSecrets(o)
	if t := o.object("tls", false); t != nil {
		d.TLS = TLS{Web: t.str("web", false), Certificate: t.str("certificate", false),
			Key: t.str("key", false), XMPP: t.boolean("xmpp", true)}
		t.unknown()
	} else {
		d.TLS = TLS{XMPP: true}
	}
	if d.TLS.Web == "" {
		d.TLS.Web = "acme"
	}
	d.Guests = loadGuests(o)
	return d
}

func loadHost(h *obj) Host {
	return Host{
		PublicAddress: addr(h, "public-address", true),
		Egress:        h.str("egress", false),
		Resolver:      addr(h, "resolver", true),
		Admin:         prefixes(h, "admin"),
		Monitor:       prefixes(h, "monitor"),
	}
}

func addr(o *obj, key string, required bool) netip.Addr {
	s := o.str(key, required)
	if s == "" {
		return netip.Addr{}
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		o.fail(key, "%q is not an IPv4 address", s)
	}
	return a
}

// prefixes reads a list of networks; a bare address means /32.
func prefixes(o *obj, key string) []netip.Prefix {
	var out []netip.Prefix
	for i, s := range o.strList(key) {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil || !a.Is4() {
				o.fail(fmt.Sprintf("%s[%d]", key, i), "%q is not an IPv4 address or network", s)
				continue
			}
			p = netip.PrefixFrom(a, 32)
		}
		if p.Masked() != p || !p.Addr().Is4() {
			o.fail(fmt.Sprintf("%s[%d]", key, i), "%q is not an IPv4 network address (host bits set?)", s)
			continue
		}
		out = append(out, p)
	}
	return out
}

// loadRange reads "10000" or "10000-10007" (an integer is accepted too).
func loadRange(o *obj, key string) PortRange {
	s := o.str(key, false)
	if s == "" {
		return PortRange{10000, 10000 + maxBridges - 1}
	}
	lo, hi, isRange := strings.Cut(s, "-")
	if !isRange {
		hi = lo
	}
	a, err1 := strconv.Atoi(strings.TrimSpace(lo))
	b, err2 := strconv.Atoi(strings.TrimSpace(hi))
	if err1 != nil || err2 != nil {
		o.fail(key, "%q: want a port or a range such as 10000-10007", s)
	}
	return PortRange{a, b}
}

func loadSecrets(o *obj) Secrets {
	v, ok := o.get("secrets")
	if !ok {
		return Secrets{Generate, Generate}
	}
	if s, isScalar := scalar(v); isScalar {
		if s != Generate {
			o.fail("secrets", "want %q or an object { focus = ..., jvb = ... }", Generate)
		}
		return Secrets{Generate, Generate}
	}
	so := o.object("secrets", false)
	if so == nil {
		return Secrets{}
	}
	sec := Secrets{Focus: so.str("focus", true), JVB: so.str("jvb", true)}
	so.unknown()
	return sec
}

func loadGuests(o *obj) []Guest {
	v, ok := o.get("guests")
	if !ok {
		o.fail("guests", "missing")
		return nil
	}
	arr, isArr := v.(hocon.Array)
	if !isArr {
		o.fail("guests", "want a list of objects, found %s", typeName(v))
		return nil
	}
	guests := make([]Guest, 0, len(arr))
	for i, e := range arr {
		field := fmt.Sprintf("%s[%d]", o.field("guests"), i)
		m, isObj := e.(hocon.Object)
		if !isObj {
			*o.errs = append(*o.errs, fieldErr(field, "want an object, found %s", typeName(e)))
			continue
		}
		g := newObj(field, m, o.errs)
		guests = append(guests, Guest{
			Name: g.str("name", true), Role: Role(g.str("role", true)), Memory: g.str("memory", true),
			Disk: g.str("disk", true), ID: g.integer("id"), UDPPort: g.integer("udp-port"), field: field,
		})
		g.unknown()
	}
	return guests
}
