http_interfaces = { "*", "://" }
VirtualHost "jts.fips.de"
authentication = "anonymous";
modules_enabled = { "bosh"; "pubsub"; }
c2s_require_encryption = false
VirtualHost "auth.jts.fips.de"
admins = { "focus@auth.jts.fips.de", "jvb@auth.jts.fips.de" }
ssl = { key = "/var/prosody/auth.jts.fips.de.key"; certificate = "/var/prosody/auth.jts.fips.de.crt"; }
authentication = "internal_hashed"
Component "conference.jts.fips.de" "muc"
Component "jvb.jts.fips.de"
component_secret = "CHANGE_jvb"
Component "focus.jts.fips.de" "client_proxy"
target_address = "focus@auth.jts.fips.de"
Component "internal.auth.jts.fips.de" "muc"
muc_room_locking = false
muc_room_default_public_jids = true
