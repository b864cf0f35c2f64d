package deploy

import (
	"fmt"
	"strings"
)

// emitProsody writes /etc/prosody/prosody.cfg.lua with the guide's key
// bits (section VIII) inside a complete file.
func emitProsody(p *Plan) ([]byte, error) {
	n := p.Names
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("-- /etc/prosody/prosody.cfg.lua on %s for %s, written by jitsi-deploy.", p.XMPP.Name, p.D.Domain)
	w("pidfile = %s", luaStr("/var/prosody/prosody.pid"))
	w("log = { info = %s }", luaStr("*syslog"))
	w("modules_enabled = { %s; %s; %s; %s; %s; %s }", luaStr("roster"), luaStr("saslauth"), luaStr("tls"),
		luaStr("disco"), luaStr("ping"), luaStr("posix"))
	w("c2s_ports = { %d }", c2sPort)
	w("component_ports = { %d }", componentPort)
	w("http_ports = { %d }", httpPort)
	w("http_interfaces = { %s, %s }", luaStr("*"), luaStr("::"))
	w("")
	w("VirtualHost %s", luaStr(n.Domain))
	w("  authentication = %s", luaStr("anonymous"))
	w("  modules_enabled = { %s; %s; }", luaStr("bosh"), luaStr("pubsub"))
	w("  c2s_require_encryption = false")
	w("")
	w("VirtualHost %s", luaStr(n.Auth))
	w("  admins = { %s, %s }", luaStr("focus@"+n.Auth), luaStr("jvb@"+n.Auth))
	w("  ssl = { key = %s; certificate = %s; }", luaStr("/var/prosody/"+n.Auth+".key"), luaStr("/var/prosody/"+n.Auth+".crt"))
	w("  authentication = %s", luaStr("internal_hashed"))
	w("")
	w("Component %s %s", luaStr(n.Conference), luaStr("muc"))
	w("Component %s %s", luaStr(n.Focus), luaStr("client_proxy"))
	w("  target_address = %s", luaStr("focus@"+n.Auth))
	w("Component %s %s", luaStr(n.Internal), luaStr("muc"))
	w("  muc_room_locking = false")
	w("  muc_room_default_public_jids = true")
	out := []byte(b.String())
	if err := checkLua(out); err != nil {
		return nil, fileErr(ErrEmit, p.XMPP.Name+"/etc/prosody/prosody.cfg.lua", err)
	}
	return out, nil
}

func luaStr(s string) string { return `"` + s + `"` }

// checkLua checks what a config writer can get wrong in prosody's Lua:
// unterminated strings and unbalanced braces, with the line.
func checkLua(data []byte) error {
	depth := 0
	for i, line := range strings.Split(string(data), "\n") {
		inStr := false
		for j := 0; j < len(line); j++ {
			c := line[j]
			switch {
			case inStr && c == '\\':
				j++
			case c == '"':
				inStr = !inStr
			case !inStr && c == '-' && strings.HasPrefix(line[j:], "--"):
				j = len(line)
			case !inStr && c == '{':
				depth++
			case !inStr && c == '}':
				depth--
			}
			if depth < 0 {
				return fmt.Errorf("line %d: unbalanced }", i+1)
			}
		}
		if inStr {
			return fmt.Errorf("line %d: unterminated string", i+1)
		}
		if depth != 0 {
			return fmt.Errorf("line %d: table not closed on its line", i+1)
		}
	}
	return nil
}
