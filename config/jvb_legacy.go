package config

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Legacy property names (sip-communicator.properties), read before the
// HOCON keys as jvb and ice4j do (ice4j:src/main/kotlin/org/ice4j/ice/harvest/HarvestConfig.kt,
// jvb IceConfig.kt, jicoco MucClientConfiguration.java).
const (
	propHarvest      = "org.ice4j.ice.harvest."
	propNATLocal     = propHarvest + "NAT_HARVESTER_LOCAL_ADDRESS"
	propNATPublic    = propHarvest + "NAT_HARVESTER_PUBLIC_ADDRESS"
	propDisableAWS   = propHarvest + "DISABLE_AWS_HARVESTER"
	propForceAWS     = propHarvest + "FORCE_AWS_HARVESTER"
	propSTUN         = propHarvest + "STUN_MAPPING_HARVESTER_ADDRESSES"
	propIPv6Disabled = "org.ice4j.ipv6.DISABLED"
	propSinglePort   = "org.jitsi.videobridge.SINGLE_PORT_HARVESTER_PORT"
	propRegion       = "org.jitsi.videobridge.REGION"
	propXMPPUser     = "org.jitsi.videobridge.xmpp.user."
)

// applyLegacy merges the legacy properties into c. A legacy value wins over
// the HOCON one where jvb reads the legacy key first; legacy XMPP users are
// added when jvb.conf has no client with the same ID.
func (c *JVB) applyLegacy(p *Properties) error {
	used := map[string]bool{}
	get := func(key string) (string, bool) {
		v, ok := p.Get(key)
		used[key] = used[key] || ok
		return strings.TrimSpace(v), ok
	}
	if err := c.legacyHarvest(p, get); err != nil {
		return err
	}
	if _, ok := get(propSinglePort); ok {
		port, err := p.Int(propSinglePort, 0)
		if err != nil {
			return err
		}
		c.ICE.UDPPort = port
	}
	if v, ok := get(propRegion); ok && c.Region == "" {
		c.Region = v
	}
	if err := c.legacyXMPP(p, used); err != nil {
		return err
	}
	for _, k := range p.Keys() {
		if !used[k] {
			c.Warnings = append(c.Warnings, p.Warn(k, "legacy property not used by this implementation, ignored"))
		}
	}
	return nil
}

func (c *JVB) legacyHarvest(p *Properties, get func(string) (string, bool)) error {
	local, hasLocal := get(propNATLocal)
	public, hasPublic := get(propNATPublic)
	switch {
	case hasLocal && hasPublic:
		for _, a := range []struct{ key, addr string }{{propNATLocal, local}, {propNATPublic, public}} {
			if _, err := netip.ParseAddr(a.addr); err != nil {
				return &Error{File: p.File, Line: p.Line(a.key), Key: a.key, Err: ErrInvalid,
					Msg: fmt.Sprintf("want an IP address, got %q", a.addr)}
			}
		}
		m := StaticMapping{Name: "legacy-nat-harvester", LocalAddress: local, PublicAddress: public}
		if !slices.ContainsFunc(c.Harvest.StaticMappings, func(s StaticMapping) bool {
			return s.LocalAddress == local && s.PublicAddress == public
		}) {
			c.Harvest.StaticMappings = append([]StaticMapping{m}, c.Harvest.StaticMappings...)
		}
	case hasLocal:
		return &Error{File: p.File, Line: p.Line(propNATLocal), Key: propNATPublic, Err: ErrMissing,
			Msg: "NAT_HARVESTER_LOCAL_ADDRESS is set but NAT_HARVESTER_PUBLIC_ADDRESS is not"}
	case hasPublic:
		return &Error{File: p.File, Line: p.Line(propNATPublic), Key: propNATLocal, Err: ErrMissing,
			Msg: "NAT_HARVESTER_PUBLIC_ADDRESS is set but NAT_HARVESTER_LOCAL_ADDRESS is not"}
	}
	if _, ok := get(propDisableAWS); ok {
		disabled, err := p.Bool(propDisableAWS, false)
		if err != nil {
			return err
		}
		c.Harvest.AWSEnabled = !disabled
	}
	if _, ok := get(propForceAWS); ok {
		force, err := p.Bool(propForceAWS, false)
		if err != nil {
			return err
		}
		c.Harvest.AWSForce = force
	}
	if v, ok := get(propSTUN); ok {
		c.Harvest.STUNAddresses = splitList(v)
	}
	if _, ok := get(propIPv6Disabled); ok {
		disabled, err := p.Bool(propIPv6Disabled, false)
		if err != nil {
			return err
		}
		c.Harvest.UseIPv6 = !disabled
	}
	return nil
}

// legacyXMPP reads org.jitsi.videobridge.xmpp.user.<id>.<PROP> (a key without
// an ID belongs to the client with ID ""), property names case-insensitive.
func (c *JVB) legacyXMPP(p *Properties, used map[string]bool) error {
	byID := map[string]map[string]string{}
	lines := map[string]int{}
	var ids []string
	for _, k := range p.WithPrefix(propXMPPUser) {
		used[k] = true
		id, prop, found := strings.Cut(strings.TrimPrefix(k, propXMPPUser), ".")
		if !found {
			id, prop = "", id
		}
		if byID[id] == nil {
			byID[id] = map[string]string{}
			ids = append(ids, id)
			lines[id] = p.Line(k)
		}
		byID[id][strings.ToUpper(prop)] = strings.TrimSpace(p.String(k, ""))
	}
	for _, id := range ids {
		if slices.ContainsFunc(c.XMPPClients, func(x XMPPClient) bool { return x.ID == id }) {
			c.Warnings = append(c.Warnings, Warning{File: p.File, Line: lines[id], Key: propXMPPUser + id,
				Msg: "ignored: jvb.conf already configures an XMPP client with this ID"})
			continue
		}
		x, err := legacyClient(p, id, byID[id])
		if err != nil {
			return err
		}
		c.XMPPClients = append(c.XMPPClients, x)
	}
	return nil
}

func legacyClient(p *Properties, id string, m map[string]string) (XMPPClient, error) {
	x := XMPPClient{ID: id, Hostname: m["HOSTNAME"], Domain: m["DOMAIN"], Username: m["USERNAME"],
		Password: m["PASSWORD"], MUCJIDs: splitList(m["MUC_JIDS"]), MUCNickname: m["MUC_NICKNAME"],
		IQHandlerMode: m["IQ_HANDLER_MODE"], SecurityMode: m["SECURITY_MODE"], Port: defaultXMPPPort}
	if x.Domain == "" {
		x.Domain = x.Hostname
	}
	x.DisableCertificateVerification, _ = parseBool(m["DISABLE_CERTIFICATE_VERIFICATION"])
	if _, ok := m["PORT"]; ok {
		prefix := propXMPPUser + id + "."
		if id == "" {
			prefix = propXMPPUser
		}
		port, err := p.Int(p.Fold(prefix+"PORT"), defaultXMPPPort)
		if err != nil {
			return x, err
		}
		x.Port = port
	}
	return x, nil
}
