package config

// jicofoSchema lists the jicofo.conf keys this project reads (see the
// reference.conf files cited on Jicofo) and the upstream ones it accepts
// without using.
var jicofoSchema = buildJicofoSchema()

func buildJicofoSchema() schema {
	s := schema{}
	add := func(prefix string, names ...string) {
		for _, n := range names {
			s.supported = append(s.supported, prefix+n)
		}
	}
	add(jx+"xmpp.*.", "enabled", "hostname", "port", "domain", "xmpp-domain", "username", "resource", "password",
		"reply-timeout", "conference-muc-jid", "client-proxy", "use-tls", "disable-certificate-verification")
	add(jx+"xmpp.", "trusted-domains")
	add(jx+"bridge.", "brewery-jid", "selection-strategy", "region-groups", "stress-threshold",
		"max-bridge-participants", "average-participant-stress", "participant-rampup-interval",
		"failure-reset-threshold", "xmpp-connection-name")
	add(jx+"bridge.health-checks.", "enabled", "interval", "retry-delay", "use-presence", "presence-timeout")
	add(jx, "sctp.enabled", "local-region")
	add(jx+"octo.", "enabled", "allow-mixed-versions", "sctp-datachannels")
	add(jx+"conference.", "enable-auto-owner", "initial-timeout", "min-participants", "single-participant-timeout",
		"max-ssrcs-per-user", "max-ssrc-groups-per-user", "max-audio-senders", "max-video-senders",
		"strip-simulcast", "use-ssrc-rewriting", "use-rtp-mid-demux", "use-json-encoded-sources",
		"source-signaling-delays.*", "reinvite-method", "enable-ice-restart",
		"restart-request-rate-limits.min-interval", "restart-request-rate-limits.max-requests",
		"restart-request-rate-limits.interval")
	for _, v := range VideoCodecNames() {
		add(jx+"codec.video."+v+".", "enabled", "pt", "rtx-pt", "enable-remb")
	}
	add(jx+"codec.audio.opus.", "enabled", "pt", "minptime", "use-inband-fec", "red.enabled", "red.pt")
	add(jx+"codec.audio.telephone-event.", "enabled", "pt")
	for _, e := range RTPExtensionNames() {
		add(jx+"codec.rtp-extensions."+e+".", "enabled", "id")
	}
	add(jx+"codec.rtp-extensions.", "extmap-allow-mixed")
	add(jx+"rest.", "enabled", "host", "port", "*.enabled")
	add(jx+"health.", "enabled", "interval", "timeout", "max-check-duration", "room-name-prefix")
	s.ignored = []string{jx + "authentication.**", jx + "jibri.**", jx + "jibri-sip.**", jx + "jigasi.**",
		jx + "visitors.**", jx + "xmpp.visitors.**", jx + "xmpp.use-jitsi-jid-validation", jx + "metrics.**",
		jx + "bridge.ice-failure-detection.**", jx + "bridge.load-redistribution.**", jx + "bridge.topology-strategy",
		jx + "bridge.visitor-selection-strategy", jx + "bridge.participant-selection-strategy",
		jx + "conference.shared-document.**", jx + "conference.enable-moderator-checks", jx + "codec.**"}
	return s
}
