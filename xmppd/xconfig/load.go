package xconfig

import (
	"strconv"
	"strings"

	"github.com/jitsi-go/jitsi-go/config"
)

// root is the top-level object of an xmppd.conf file.
const root = "xmppd"

// Load reads an xmppd.conf HOCON file. Keys missing from the file keep the
// values of Default(xmppd.domain); lists (hosts, muc, components,
// client-proxy) replace the defaults when present. Unknown keys come back as
// warnings; wrong types are *config.Error values naming file, line and key.
func Load(path string) (Config, []config.Warning, error) {
	d, err := config.LoadHOCON(path)
	if err != nil {
		return Config{}, nil, err
	}
	return FromDoc(d)
}

// Parse is Load for in-memory data.
func Parse(name string, data []byte) (Config, []config.Warning, error) {
	d, err := config.ParseHOCON(name, data)
	if err != nil {
		return Config{}, nil, err
	}
	return FromDoc(d)
}

// FromDoc builds the configuration from a parsed document.
func FromDoc(d *config.Doc) (Config, []config.Warning, error) {
	r := &reader{d: d}
	domain := r.str("domain", "")
	if domain == "" {
		domain = "localhost"
	}
	c := Default(domain)
	c.DataDir = r.str("data-dir", c.DataDir)
	c.C2S = r.str("listen.c2s", c.C2S)
	c.Components = r.str("listen.components", c.Components)
	c.HTTP = r.str("listen.http", c.HTTP)
	c.Admin = r.str("listen.admin", c.Admin)
	c.TLSCert = r.str("tls.certificate", c.TLSCert)
	c.TLSKey = r.str("tls.key", c.TLSKey)
	c.BOSHSecure = r.boolean("http.bosh-secure", c.BOSHSecure)
	c.WSSecure = r.boolean("http.websocket-secure", c.WSSecure)
	c.CORSOrigins = r.strs("http.cors-origins", c.CORSOrigins)
	r.limits(&c.Limits)
	r.lists(&c)
	if r.err != nil {
		return Config{}, nil, r.err
	}
	if err := c.Validate(); err != nil {
		return Config{}, nil, err
	}
	return c, append(d.Unknown(known), r.warn...), nil
}

func (r *reader) limits(l *Limits) {
	l.MaxStanza = int64(r.integer("limits.max-stanza-size", int(l.MaxStanza)))
	l.RateBytes = r.integer("limits.rate-bytes-per-second", l.RateBytes)
	l.RateBurst = r.integer("limits.rate-burst-bytes", l.RateBurst)
	l.MaxConns = r.integer("limits.max-connections", l.MaxConns)
	l.QueueLen = r.integer("limits.outgoing-queue", l.QueueLen)
	l.AuthTimeout = r.duration("limits.auth-timeout", l.AuthTimeout)
}

func (r *reader) lists(c *Config) {
	if n := r.d.Len(root + ".hosts"); n > 0 || r.d.Has(root+".hosts") {
		c.Hosts = nil
		for i := 0; i < n; i++ {
			p := "hosts." + strconv.Itoa(i) + "."
			r.object(p, "name", "auth", "allow-plain")
			c.Hosts = append(c.Hosts, Host{Name: r.str(p+"name", ""), Auth: r.str(p+"auth", "anonymous"),
				AllowPlain: r.boolean(p+"allow-plain", false)})
		}
	}
	if n := r.d.Len(root + ".muc"); n > 0 || r.d.Has(root+".muc") {
		c.MUCs = nil
		for i := 0; i < n; i++ {
			c.MUCs = append(c.MUCs, r.muc("muc."+strconv.Itoa(i)+"."))
		}
	}
	if n := r.d.Len(root + ".components"); n > 0 || r.d.Has(root+".components") {
		c.External = nil
		for i := 0; i < n; i++ {
			p := "components." + strconv.Itoa(i) + "."
			r.object(p, "name", "secret")
			c.External = append(c.External, Component{Name: r.str(p+"name", ""), Secret: r.str(p+"secret", "")})
		}
	}
	if n := r.d.Len(root + ".client-proxy"); n > 0 || r.d.Has(root+".client-proxy") {
		c.Proxies = nil
		for i := 0; i < n; i++ {
			p := "client-proxy." + strconv.Itoa(i) + "."
			r.object(p, "name", "target")
			c.Proxies = append(c.Proxies, Proxy{Name: r.str(p+"name", ""), Target: r.str(p+"target", "")})
		}
	}
}

// muc reads one entry of the muc list; p is its key prefix ("muc.0.").
func (r *reader) muc(p string) MUC {
	r.object(p, "name", "admins", "restrict-room-creation", "room-locking", "default-public-jids",
		"meeting-id", "authenticated-only", "history-length", "max-history-messages")
	m := MUC{Name: r.str(p+"name", ""), Admins: r.strs(p+"admins", nil),
		RestrictCreation: r.boolean(p+"restrict-room-creation", false), Locking: r.boolean(p+"room-locking", false),
		PublicJIDs: r.boolean(p+"default-public-jids", false), MeetingID: r.boolean(p+"meeting-id", false),
		AuthenticatedOnly: r.boolean(p+"authenticated-only", false),
		HistoryLength:     r.count(p+"history-length", DefaultHistory),
		MaxHistory:        r.count(p+"max-history-messages", DefaultHistory)}
	if m.HistoryLength > m.MaxHistory {
		r.warn = append(r.warn, r.d.Warn(root+"."+p+"history-length",
			"above max-history-messages ("+strconv.Itoa(m.MaxHistory)+"): rooms keep "+strconv.Itoa(m.MaxHistory)))
	}
	return m
}

var knownKeys = map[string]bool{
	"domain": true, "data-dir": true, "listen.c2s": true, "listen.components": true, "listen.http": true,
	"listen.admin": true, "tls.certificate": true, "tls.key": true, "http.bosh-secure": true,
	"http.websocket-secure": true, "http.cors-origins": true, "limits.max-stanza-size": true,
	"limits.rate-bytes-per-second": true, "limits.rate-burst-bytes": true, "limits.max-connections": true,
	"limits.outgoing-queue": true, "limits.auth-timeout": true,
	"hosts": true, "muc": true, "components": true, "client-proxy": true,
}

func known(key string) bool {
	k, ok := strings.CutPrefix(key, root+".")
	if !ok {
		return false
	}
	if i := strings.IndexByte(k, '.'); i > 0 && knownKeys[k[:i]] && (k[:i] == "hosts" || k[:i] == "muc" ||
		k[:i] == "components" || k[:i] == "client-proxy") {
		return true // list entries are checked field by field in reader.object
	}
	return knownKeys[k]
}
