package config

// xmppClientPrefix is where jvb's XMPP client connections are configured.
const xmppClientPrefix = "videobridge.apis.xmpp-client.configs."

// jvbSchema lists the jvb.conf keys this project reads, from
// jvb:jvb/src/main/resources/reference.conf, ice4j:src/main/resources/reference.conf
// and jicoco:jicoco-mucclient/.../MucClientConfiguration.java.
var jvbSchema = schema{
	supported: []string{
		xmppClientPrefix + "*.hostname", xmppClientPrefix + "*.port", xmppClientPrefix + "*.domain",
		xmppClientPrefix + "*.username", xmppClientPrefix + "*.password", xmppClientPrefix + "*.muc_jids",
		xmppClientPrefix + "*.muc_nickname", xmppClientPrefix + "*.disable_certificate_verification",
		xmppClientPrefix + "*.iq_handler_mode", xmppClientPrefix + "*.security_mode",
		"videobridge.apis.xmpp-client.presence-interval", "videobridge.apis.rest.enabled",
		"videobridge.stats.interval",
		"videobridge.ice.udp.port", "videobridge.ice.ufrag-prefix", "videobridge.ice.keep-alive-strategy",
		"videobridge.ice.nomination-strategy", "videobridge.ice.advertise-private-candidates",
		"videobridge.ice.tcp.enabled", "videobridge.ice.tcp.port",
		"videobridge.http-servers.*.host", "videobridge.http-servers.*.port", "videobridge.http-servers.*.tls-port",
		"videobridge.http-servers.*.key-store-path", "videobridge.http-servers.*.key-store-password",
		"videobridge.websockets.enabled", "videobridge.websockets.server-id", "videobridge.websockets.domains",
		"videobridge.websockets.domain", "videobridge.websockets.relay-domains", "videobridge.websockets.tls",
		"videobridge.websockets.enable-compression", "videobridge.websockets.send-keepalive-pings",
		"videobridge.websockets.keepalive-ping-interval", "videobridge.websockets.idle-timeout",
		"videobridge.sctp.enabled",
		"videobridge.relay.enabled", "videobridge.relay.region", "videobridge.relay.relay-id",
		"videobridge.rest.*.enabled",
		"videobridge.shutdown.graceful-shutdown-max-duration", "videobridge.shutdown.graceful-shutdown-min-participants",
		"videobridge.shutdown.shutting-down-delay", "videobridge.initial-drain-mode",
		"videobridge.version.announce", "videobridge.version.release",
		"ice4j.harvest.mapping.static-mappings", "ice4j.harvest.mapping.aws.enabled", "ice4j.harvest.mapping.aws.force",
		"ice4j.harvest.mapping.stun.addresses", "ice4j.harvest.use-ipv6", "ice4j.harvest.use-link-local-addresses",
		"ice4j.harvest.udp.receive-buffer-size",
	},
	ignored: []string{
		"videobridge.entity-expiration.**", "videobridge.health.**", "videobridge.ep-connection-status.**",
		"videobridge.cc.**", "videobridge.cryptex.**", "videobridge.apis.xmpp-client.stats-filter.**",
		"videobridge.apis.xmpp-client.jid-cache-size", "videobridge.load-management.**", "videobridge.sctp.**",
		"videobridge.stats.**", "videobridge.ice.**", "videobridge.transport.**", "videobridge.speech-activity.**",
		"videobridge.loudest.**", "videobridge.stats-filter-threshold", "videobridge.redact-remote-addresses",
		"videobridge.multi-stream.**", "videobridge.ssrc-limit.**", "videobridge.rest.**", "jmt.**", "ice4j.**",
	},
	fold: []string{xmppClientPrefix},
}
