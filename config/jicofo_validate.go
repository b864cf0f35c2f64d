package config

import (
	"fmt"
	"net/netip"
	"strings"
)

// validate checks what jicofo would refuse or what cannot work, naming the key.
func (c *Jicofo) validate(d *Doc, host string) error {
	if err := c.validateDomain(d, host); err != nil {
		return err
	}
	inRange := func(key string, v, lo, hi int, what string) error {
		if v >= lo && v <= hi {
			return nil
		}
		return d.Errorf(ErrInvalid, key, fmt.Sprintf("%s %d out of range %d-%d", what, v, lo, hi))
	}
	checks := []error{
		inRange(jx+"xmpp.client.port", c.Client.Port, 1, 65535, "port"),
		inRange(jx+"xmpp.service.port", c.Service.Port, 1, 65535, "port"),
		inRange(jx+"rest.port", c.REST.Port, 1, 65535, "port"),
		inRange(jx+"conference.min-participants", c.Conference.MinParticipants, 1, 1<<30, "count"),
		validJID(d, jx+"bridge.brewery-jid", c.Bridge.BreweryJID),
		oneOf(d, jx+"bridge.xmpp-connection-name", c.Bridge.XMPPConnectionName, "Client", "Service"),
		oneOf(d, jx+"conference.reinvite-method", c.Conference.ReinviteMethod, "RestartJingle", "ReplaceTransport"),
	}
	if c.Bridge.StressThreshold <= 0 {
		checks = append(checks, d.Errorf(ErrInvalid, jx+"bridge.stress-threshold", "must be above 0"))
	}
	for _, name := range VideoCodecNames() {
		v := c.Codec.Video[name]
		k := jx + "codec.video." + name + "."
		checks = append(checks, inRange(k+"pt", v.PT, 0, 127, "payload type"))
		if v.RTXPT != -1 {
			checks = append(checks, inRange(k+"rtx-pt", v.RTXPT, 0, 127, "payload type"))
		}
	}
	checks = append(checks, inRange(jx+"codec.audio.opus.pt", c.Codec.Opus.PT, 0, 127, "payload type"),
		inRange(jx+"codec.audio.opus.red.pt", c.Codec.Opus.RED.PT, 0, 127, "payload type"),
		inRange(jx+"codec.audio.telephone-event.pt", c.Codec.TelephoneEvent.PT, 0, 127, "payload type"))
	for _, name := range RTPExtensionNames() {
		if e := c.Codec.RTPExtensions[name]; e.Enabled {
			checks = append(checks, inRange(jx+"codec.rtp-extensions."+name+".id", e.ID, 1, 255, "extension id"))
		}
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	return nil
}

// validateDomain requires an XMPP domain that is a name, not an address: the
// guide's pitfall "IP address instead of FQDN" in jicofo_flags.
func (c *Jicofo) validateDomain(d *Doc, host string) error {
	if c.XMPPDomain == "" {
		return d.Errorf(ErrMissing, jx+"xmpp.client.xmpp-domain",
			"no XMPP domain: pass -host=FQDN (jicofo_flags in rc.conf.local) or set this key")
	}
	if _, err := netip.ParseAddr(strings.Trim(c.XMPPDomain, "[]")); err == nil {
		msg := fmt.Sprintf("%q is an IP address; the XMPP domain must be the FQDN (a virtual host name)", c.XMPPDomain)
		if host != "" {
			return &Error{Key: "-host", Msg: msg, Err: ErrInvalid}
		}
		return d.Errorf(ErrInvalid, jx+"xmpp.client.xmpp-domain", msg)
	}
	return nil
}

func validJID(d *Doc, key, jid string) error {
	if jid == "" {
		return d.Errorf(ErrMissing, key, "must be set (the bridges' brewery room, like JvbBrewery@internal.auth.<domain>)")
	}
	local, domain, ok := strings.Cut(jid, "@")
	if !ok || local == "" || domain == "" || strings.ContainsAny(jid, " /") {
		return d.Errorf(ErrInvalid, key, fmt.Sprintf("want a bare JID room@service, got %q", jid))
	}
	return nil
}

func oneOf(d *Doc, key, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return d.Errorf(ErrInvalid, key, fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", ")))
}
