package config

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// validate checks the values jvb would refuse or that cannot work, naming
// the key (and its line in jvb.conf, or in the properties for legacy keys).
func (c *JVB) validate(d *Doc, p *Properties) error {
	port := func(key string, v int, allowOff bool) error {
		if (allowOff && v == -1) || (v >= 1 && v <= 65535) {
			return nil
		}
		msg := fmt.Sprintf("port %d out of range 1-65535", v)
		if allowOff {
			msg += " (or -1 for off)"
		}
		return d.Errorf(ErrInvalid, key, msg)
	}
	checks := []error{
		port(vb+"ice.udp.port", c.ICE.UDPPort, false),
		port(vb+"http-servers.public.port", c.PublicHTTP.Port, true),
		port(vb+"http-servers.public.tls-port", c.PublicHTTP.TLSPort, true),
		port(vb+"http-servers.private.port", c.PrivateHTTP.Port, true),
		port(vb+"http-servers.private.tls-port", c.PrivateHTTP.TLSPort, true),
		positive(d, vb+"stats.interval", int64(c.StatsInterval)),
		positive(d, vb+"apis.xmpp-client.presence-interval", int64(c.PresenceInterval)),
	}
	if c.WebSockets.Enabled && len(c.WebSockets.Domains) == 0 {
		checks = append(checks, d.Errorf(ErrMissing, vb+"websockets.domains", "must be set when websockets.enabled = true"))
	}
	if c.Relay.Enabled && c.Relay.RelayID == "" {
		checks = append(checks, d.Errorf(ErrMissing, vb+"relay.relay-id", "must be set when relay.enabled = true"))
	}
	for _, x := range c.XMPPClients {
		checks = append(checks, c.validateClient(d, p, x))
	}
	for i, m := range c.Harvest.StaticMappings {
		checks = append(checks, validateMapping(d, i, m))
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	if c.ICE.TCPEnabled {
		c.Warnings = append(c.Warnings, d.Warn(vb+"ice.tcp.enabled",
			"ICE over TCP is not offered (jvb removed it in 2024); use a TURN server for TCP-only clients"))
	}
	return nil
}

func positive(d *Doc, key string, v int64) error {
	if v > 0 {
		return nil
	}
	return d.Errorf(ErrInvalid, key, "must be a positive duration")
}

// validateClient reports the first required key an XMPP client lacks.
func (c *JVB) validateClient(d *Doc, p *Properties, x XMPPClient) error {
	base := xmppClientPrefix + x.ID + "."
	errAt := func(name, msg string, kind error) error {
		if d.Has(strings.TrimSuffix(base, ".")) {
			return d.Errorf(kind, d.Fold(base+name), msg)
		}
		key := propXMPPUser + x.ID + "." + strings.ToUpper(name)
		return &Error{File: p.File, Line: p.Line(p.Fold(key)), Key: key, Msg: msg, Err: kind}
	}
	required := []struct{ name, val string }{{"hostname", x.Hostname}, {"username", x.Username},
		{"password", x.Password}, {"muc_nickname", x.MUCNickname}}
	for _, r := range required {
		if r.val == "" {
			return errAt(r.name, "required for XMPP client "+strconv.Quote(x.ID), ErrMissing)
		}
	}
	if len(x.MUCJIDs) == 0 {
		return errAt("muc_jids", "required for XMPP client "+strconv.Quote(x.ID)+" (the brewery room)", ErrMissing)
	}
	if x.Port < 1 || x.Port > 65535 {
		return errAt("port", fmt.Sprintf("port %d out of range 1-65535", x.Port), ErrInvalid)
	}
	switch x.SecurityMode {
	case "", "required", "ifpossible", "disabled":
	default:
		return errAt("security_mode", fmt.Sprintf("%q is not one of required, ifpossible, disabled", x.SecurityMode), ErrInvalid)
	}
	return nil
}

func validateMapping(d *Doc, i int, m StaticMapping) error {
	key := "ice4j.harvest.mapping.static-mappings"
	at := func(field string) string {
		if d.Has(key) {
			return key + "." + strconv.Itoa(i) + "." + field
		}
		return field
	}
	for _, f := range []struct{ name, addr string }{{"local-address", m.LocalAddress}, {"public-address", m.PublicAddress}} {
		if _, err := netip.ParseAddr(f.addr); err != nil {
			e := d.Errorf(ErrInvalid, at(f.name), fmt.Sprintf("want an IP address, got %q", f.addr))
			if !d.Has(key) || d.Line(e.Key) == 0 {
				e.Line, e.Col = d.Line(key), 0
			}
			return e
		}
	}
	if m.LocalPort < 0 || m.LocalPort > 65535 || m.PublicPort < 0 || m.PublicPort > 65535 {
		return d.Errorf(ErrInvalid, at("local-port"), "port out of range 0-65535")
	}
	return nil
}
