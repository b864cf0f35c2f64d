package deploy

import (
	"errors"
	"fmt"
	"net/netip"
	"path"
	"regexp"
	"strings"

	"github.com/jitsi-go/jitsi-go/pf"
	"github.com/jitsi-go/jitsi-go/vmm"
)

const maxBridges = 8

var (
	label      = regexp.MustCompile(`^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`)
	secretText = regexp.MustCompile(`^[A-Za-z0-9_.-]{8,128}$`)
	ifaceName  = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	pathText   = regexp.MustCompile(`^/[A-Za-z0-9_./-]+$`)
)

// Validate checks every rule a description must meet and returns all
// violations joined, each naming its field. It fills defaults (egress).
func Validate(d *Description) error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(checkDomain("deployment.domain", d.Domain))
	if d.XMPPServer != ServerXMPPD && d.XMPPServer != ServerProsody {
		add(fieldErr("deployment.xmpp-server", "%q: want %q or %q", d.XMPPServer, ServerXMPPD, ServerProsody))
	}
	if !d.SCTP && !d.ColibriWebsockets {
		add(fieldErr("deployment.colibri-websockets", "false while sctp is false: clients would have no bridge channel"))
	}
	errs = append(errs, checkHost(&d.Host)...)
	errs = append(errs, checkSecrets(d.Secrets)...)
	errs = append(errs, checkTLS(d.TLS)...)
	for i, s := range d.STUNServers {
		if !strings.HasPrefix(s, "stun:") && !strings.HasPrefix(s, "turn:") && !strings.HasPrefix(s, "turns:") {
			add(fieldErr(fmt.Sprintf("deployment.stun-servers[%d]", i), "%q: want a stun:, turn: or turns: URL", s))
		}
	}
	errs = append(errs, checkGuests(d)...)
	if len(errs) == 0 {
		_, err := assignIDs(d.Guests)
		add(err)
		_, err = assignPorts(d)
		add(err)
	}
	addLines(errs, d.lines)
	return errors.Join(errs...)
}

// checkDomain requires a lower-case FQDN of at least two labels: the
// name must be a name (never an IP address; pitfall XII.A).
func checkDomain(field, d string) error {
	if _, err := netip.ParseAddr(d); err == nil {
		return fieldErr(field, "%q is an IP address; the focus's -host and the XMPP virtual hosts need an FQDN (pitfall: IP address instead of hostname)", d)
	}
	labels := strings.Split(d, ".")
	if len(d) > 253 || len(labels) < 2 {
		return fieldErr(field, "%q is not a fully qualified domain name", d)
	}
	for _, l := range labels {
		if !label.MatchString(l) {
			return fieldErr(field, "%q: label %q must be lower-case letters, digits and '-'", d, l)
		}
	}
	return nil
}

func checkHost(h *Host) []error {
	var errs []error
	if h.Egress == "" {
		h.Egress = "egress"
	}
	if !ifaceName.MatchString(h.Egress) || pf.IsReserved(h.Egress) {
		errs = append(errs, fieldErr("deployment.host.egress", "%q is not an interface or group name", h.Egress))
	}
	if len(h.Admin) == 0 {
		errs = append(errs, fieldErr("deployment.host.admin", "missing: at least one network that may ssh in"))
	}
	for _, a := range []struct {
		field string
		addr  netip.Addr
	}{{"public-address", h.PublicAddress}, {"resolver", h.Resolver}} {
		if a.addr.IsValid() && vmm.DefaultPrefix.Contains(a.addr) {
			errs = append(errs, fieldErr("deployment.host."+a.field, "%s lies inside vmd's local prefix %s", a.addr, vmm.DefaultPrefix))
		}
	}
	for _, list := range []struct {
		field string
		nets  []netip.Prefix
	}{{"admin", h.Admin}, {"monitor", h.Monitor}} {
		for i, n := range list.nets {
			if n.Overlaps(vmm.DefaultPrefix) {
				errs = append(errs, fieldErr(fmt.Sprintf("deployment.host.%s[%d]", list.field, i), "%s overlaps vmd's local prefix %s", n, vmm.DefaultPrefix))
			}
		}
	}
	return errs
}

func checkSecrets(s Secrets) []error {
	var errs []error
	for _, f := range []struct{ field, val string }{{"focus", s.Focus}, {"jvb", s.JVB}} {
		if f.val != Generate && !secretText.MatchString(f.val) {
			errs = append(errs, fieldErr("deployment.secrets."+f.field, "want %q or 8-128 characters of A-Z a-z 0-9 _ . -", Generate))
		}
	}
	return errs
}

func checkTLS(t TLS) []error {
	switch t.Web {
	case "acme":
		return nil
	case "files":
		var errs []error
		for _, f := range []struct{ field, val string }{{"certificate", t.Certificate}, {"key", t.Key}} {
			if !pathText.MatchString(f.val) {
				errs = append(errs, fieldErr("deployment.tls."+f.field, "%q: tls.web = files needs an absolute path", f.val))
			}
		}
		return errs
	}
	return []error{fieldErr("deployment.tls.web", "%q: want acme or files", t.Web)}
}

// diskFormat is qcow2 for a .qcow2 path, raw otherwise.
func diskFormat(p string) string {
	if path.Ext(p) == ".qcow2" {
		return "qcow2"
	}
	return "raw"
}
