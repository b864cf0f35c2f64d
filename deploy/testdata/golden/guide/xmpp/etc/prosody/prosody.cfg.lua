-- /etc/prosody/prosody.cfg.lua on xmpp for jts.fips.de, written by jitsi-deploy.
pidfile = "/var/prosody/prosody.pid"
log = { info = "*syslog" }
modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; "posix" }
c2s_ports = { 5222 }
component_ports = { 5347 }
http_ports = { 5280 }
http_interfaces = { "*", "::" }

VirtualHost "jts.fips.de"
  authentication = "anonymous"
  modules_enabled = { "bosh"; "pubsub"; }
  c2s_require_encryption = false

VirtualHost "auth.jts.fips.de"
  admins = { "focus@auth.jts.fips.de", "jvb@auth.jts.fips.de" }
  ssl = { key = "/var/prosody/auth.jts.fips.de.key"; certificate = "/var/prosody/auth.jts.fips.de.crt"; }
  authentication = "internal_hashed"

Component "conference.jts.fips.de" "muc"
Component "focus.jts.fips.de" "client_proxy"
  target_address = "focus@auth.jts.fips.de"
Component "internal.auth.jts.fips.de" "muc"
  muc_room_locking = false
  muc_room_default_public_jids = true
