package config

import (
	"strconv"
	"strings"
	"time"
)

const jx = "jicofo."

func (c *Jicofo) readXMPP(r *reader, host string) {
	c.Client = readConn(r, jx+"xmpp.client.", true, 5222)
	c.Service = readConn(r, jx+"xmpp.service.", false, 6222)
	c.TrustedDomains = r.strs(jx+"xmpp.trusted-domains", nil)

	c.XMPPDomain = host
	if c.XMPPDomain == "" {
		c.XMPPDomain = c.Client.XMPPDomain
	}
	if c.XMPPDomain == "" {
		c.XMPPDomain = strings.TrimPrefix(c.Client.Domain, "auth.")
	}
	if host != "" && c.Client.XMPPDomain != "" && c.Client.XMPPDomain != host {
		c.Warnings = append(c.Warnings, r.d.Warn(jx+"xmpp.client.xmpp-domain",
			"differs from the -host flag "+strconv.Quote(host)+"; the flag wins"))
	}
	if c.XMPPDomain == "" {
		return
	}
	for _, conn := range []*XMPPConn{&c.Client, &c.Service} {
		conn.XMPPDomain = c.XMPPDomain
		if conn.Domain == "" {
			conn.Domain = "auth." + c.XMPPDomain
		}
	}
	if c.Client.ConferenceMUCJID == "" {
		c.Client.ConferenceMUCJID = "conference." + c.XMPPDomain
	}
	if c.Client.ClientProxy == "" {
		c.Client.ClientProxy = "focus." + c.XMPPDomain
	}
}

// readConn reads jicofo.xmpp.client or jicofo.xmpp.service.
func readConn(r *reader, p string, enabled bool, port int) XMPPConn {
	x := XMPPConn{
		Enabled:                        r.bool(p+"enabled", enabled),
		Hostname:                       r.str(p+"hostname", "localhost"),
		Port:                           r.int(p+"port", port),
		Domain:                         r.str(p+"domain", ""),
		XMPPDomain:                     r.str(p+"xmpp-domain", ""),
		Username:                       r.str(p+"username", "focus"),
		Password:                       r.str(p+"password", ""),
		ReplyTimeout:                   r.dur(p+"reply-timeout", 15*time.Second),
		ConferenceMUCJID:               r.str(p+"conference-muc-jid", ""),
		ClientProxy:                    r.str(p+"client-proxy", ""),
		UseTLS:                         r.bool(p+"use-tls", true),
		DisableCertificateVerification: r.bool(p+"disable-certificate-verification", false),
	}
	x.Resource = r.str(p+"resource", x.Username)
	return x
}

func (c *Jicofo) readBridge(r *reader) {
	p := jx + "bridge."
	interval := r.dur(p+"health-checks.interval", 10*time.Second)
	c.Bridge = BridgeSelection{
		BreweryJID:                r.str(p+"brewery-jid", ""),
		SelectionStrategy:         r.str(p+"selection-strategy", "SingleBridgeSelectionStrategy"),
		StressThreshold:           r.float(p+"stress-threshold", 0.8),
		MaxBridgeParticipants:     r.int(p+"max-bridge-participants", 80),
		AverageParticipantStress:  r.float(p+"average-participant-stress", 0.01),
		ParticipantRampupInterval: r.dur(p+"participant-rampup-interval", 20*time.Second),
		FailureResetThreshold:     r.dur(p+"failure-reset-threshold", time.Minute),
		XMPPConnectionName:        r.str(p+"xmpp-connection-name", "Service"),
		HealthChecks: BridgeHealthChecks{
			Enabled:         r.bool(p+"health-checks.enabled", true),
			Interval:        interval,
			RetryDelay:      r.dur(p+"health-checks.retry-delay", interval/2),
			UsePresence:     r.bool(p+"health-checks.use-presence", false),
			PresenceTimeout: r.dur(p+"health-checks.presence-timeout", 45*time.Second),
		},
	}
	for i := range r.d.Len(p + "region-groups") {
		c.Bridge.RegionGroups = append(c.Bridge.RegionGroups, r.strs(p+"region-groups."+strconv.Itoa(i), nil))
	}
	if !r.d.Has(p+"brewery-jid") && c.XMPPDomain != "" { // an explicit "" stays an error

		c.Bridge.BreweryJID = "JvbBrewery@internal.auth." + c.XMPPDomain
	}
}

func (c *Jicofo) readMisc(r *reader) {
	c.SCTP = r.bool(jx+"sctp.enabled", true)
	c.Octo = Octo{
		Enabled:            r.bool(jx+"octo.enabled", false),
		AllowMixedVersions: r.bool(jx+"octo.allow-mixed-versions", false),
		SCTPDatachannels:   r.bool(jx+"octo.sctp-datachannels", c.SCTP),
	}
	c.LocalRegion = r.str(jx+"local-region", "")
	p := jx + "rest."
	c.REST = JicofoREST{
		Enabled:           r.bool(p+"enabled", true),
		Host:              r.str(p+"host", "127.0.0.1"),
		Port:              r.int(p+"port", 8888),
		Prometheus:        r.bool(p+"prometheus.enabled", true),
		ConferenceRequest: r.bool(p+"conference-request.enabled", true),
		MoveEndpoints:     r.bool(p+"move-endpoints.enabled", true),
		Debug:             r.bool(p+"debug.enabled", true),
		Pin:               r.bool(p+"pin.enabled", true),
	}
	p = jx + "health."
	c.Health = JicofoHealth{
		Enabled:          r.bool(p+"enabled", false),
		Interval:         r.dur(p+"interval", 10*time.Second),
		Timeout:          r.dur(p+"timeout", 30*time.Second),
		MaxCheckDuration: r.dur(p+"max-check-duration", 20*time.Second),
		RoomNamePrefix:   r.str(p+"room-name-prefix", "__jicofo-health-check"),
	}
}
