package testenv

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
)

// Component is an external XEP-0114 component prosody accepts on its
// component port.
type Component struct {
	Name   string // e.g. focus.meet.example
	Secret string
}

// ProsodyConfig describes one prosody instance with the Jitsi layout
// (jitsi-protocol.md section 0) on loopback.
type ProsodyConfig struct {
	// Dir is a scratch directory for the config, data, certificates and logs.
	Dir string
	// Domain is the main (anonymous) host; auth.Domain, conference.Domain and
	// internal.auth.Domain are derived from it.
	Domain string
	// Ports on 127.0.0.1; StartProsody picks free ones for zeros.
	C2SPort, HTTPPort, ComponentPort int
	// Components are external components, e.g. focus.Domain while stock
	// prosody has no mod_client_proxy.
	Components []Component
	// Binary and Ctl default to /usr/bin/prosody and /usr/bin/prosodyctl.
	Binary, Ctl string
	// LogLevel is the lowest level written to prosody.log: "debug" (the
	// default when empty), "info", "warn" or "error". Benchmarks use "warn"
	// so logging does not dominate prosody's CPU.
	LogLevel string
	// OpenMUC, when set, adds a plain MUC component of that name (anyone may
	// create rooms, no locking, public JIDs), e.g. for benchmarks.
	OpenMUC string
}

// ConfigPath is where the rendered configuration is written.
func (c ProsodyConfig) ConfigPath() string { return filepath.Join(c.Dir, "prosody.cfg.lua") }

// CertDir holds one self-signed pair per VirtualHost.
func (c ProsodyConfig) CertDir() string { return filepath.Join(c.Dir, "certs") }

// Hosts are the VirtualHosts that get certificates.
func (c ProsodyConfig) Hosts() []string { return []string{c.Domain, "auth." + c.Domain} }

func (c ProsodyConfig) validate() error {
	switch {
	case c.Dir == "" || c.Domain == "":
		return fmt.Errorf("%w: prosody needs Dir and Domain", ErrConfig)
	case c.C2SPort == 0 || c.HTTPPort == 0 || c.ComponentPort == 0:
		return fmt.Errorf("%w: prosody ports unset", ErrConfig)
	case strings.ContainsAny(c.Domain, "\"\\\n /"):
		return fmt.Errorf("%w: prosody domain %q", ErrConfig, c.Domain)
	case c.LogLevel != "" && !strings.Contains(" debug info warn error ", " "+c.LogLevel+" "):
		return fmt.Errorf("%w: prosody log level %q", ErrConfig, c.LogLevel)
	}
	return nil
}

// Render returns the prosody.cfg.lua text for c.
func (c ProsodyConfig) Render() (string, error) {
	if err := c.validate(); err != nil {
		return "", err
	}
	var b strings.Builder
	if err := prosodyTmpl.Execute(&b, c); err != nil {
		return "", fmt.Errorf("testenv: render prosody config: %w", err)
	}
	return b.String(), nil
}

var prosodyTmpl = template.Must(template.New("prosody").Funcs(template.FuncMap{
	"lua":  strconv.Quote,
	"path": func(c ProsodyConfig, name string) string { return strconv.Quote(filepath.Join(c.Dir, name)) },
	"cert": func(c ProsodyConfig, host, ext string) string {
		return strconv.Quote(filepath.Join(c.CertDir(), host+ext))
	},
}).Parse(prosodyText))

// prosodyText is the Jitsi layout of jitsi-meet's prosody example on stock
// prosody 0.12 modules, bound to 127.0.0.1 only.
const prosodyText = `-- written by internal/testenv; loopback only, for one test run
run_as_root = true
pidfile = {{path . "prosody.pid"}}
data_path = {{path . "data"}}
certificates = {{lua .CertDir}}
log = { {{if .LogLevel}}{{.LogLevel}}{{else}}debug{{end}} = {{path . "prosody.log"}} }
interfaces = { "127.0.0.1" }
c2s_ports = { {{.C2SPort}} }
component_ports = { {{.ComponentPort}} }
component_interfaces = { "127.0.0.1" }
http_ports = { {{.HTTPPort}} }
http_interfaces = { "127.0.0.1" }
https_ports = { }
s2s_ports = { }
http_default_host = {{lua .Domain}}
c2s_require_encryption = false
consider_bosh_secure = true
consider_websocket_secure = true
cross_domain_bosh = true
cross_domain_websocket = true
modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; "posix"; "bosh"; "websocket"; "smacks" }

VirtualHost {{lua .Domain}}
    authentication = "anonymous"
    ssl = { key = {{cert . .Domain ".key"}}; certificate = {{cert . .Domain ".crt"}} }

VirtualHost {{lua (print "auth." .Domain)}}
    authentication = "internal_hashed"
    admins = { {{lua (print "focus@auth." .Domain)}}, {{lua (print "jvb@auth." .Domain)}} }
    ssl = { key = {{cert . (print "auth." .Domain) ".key"}}; certificate = {{cert . (print "auth." .Domain) ".crt"}} }

Component {{lua (print "conference." .Domain)}} "muc"
    restrict_room_creation = true
    admins = { {{lua (print "focus@auth." .Domain)}} }
    muc_room_locking = false
    muc_room_default_public_jids = true

Component {{lua (print "internal.auth." .Domain)}} "muc"
    admins = { {{lua (print "focus@auth." .Domain)}}, {{lua (print "jvb@auth." .Domain)}} }
    muc_room_locking = false
    muc_room_default_public_jids = true
{{if .OpenMUC}}
Component {{lua .OpenMUC}} "muc"
    muc_room_locking = false
    muc_room_default_public_jids = true
{{end}}{{range .Components}}
Component {{lua .Name}}
    component_secret = {{lua .Secret}}
{{end}}`
