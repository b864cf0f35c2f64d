// Package deploy turns one deployment description into every file of an
// OpenBSD vmd deployment of Jitsi Meet on our binaries: the host's
// vm.conf, pf.conf, sysctl.conf, hosts and rc.conf.local, and per guest
// pf.conf, hosts, myname, hostname.vio0, mygate, resolv.conf,
// rc.conf.local and the component's own files (nginx.conf + config.js,
// xmppd.conf or prosody.cfg.lua, jicofo.conf, jvb.conf +
// sip-communicator.properties), all agreeing on names, addresses, ports
// and secrets by construction.
//
// The flow is Load (HOCON description, errors naming the field) →
// Validate → NewPlan (VM IDs in vm.conf order, guest addresses as vmd
// assigns them, bridge ports, secrets) → Emit (every file passes its
// validator: pf and vmm parsers, a HOCON parser, a properties and a hosts
// checker) → Check (cross-file agreement) → Tree.Write.
//
// The guide's pitfalls (docs/troubleshooting.md) are checked here: -host
// is an FQDN that the focus guest's hosts file maps to the XMPP guest,
// start order xmpp → focus → bridge follows vm.conf order, SCTP is one
// setting written to both focus and bridge, config.js is produced by a
// JSON encoder, each secret is one value written to both ends, and the
// public domain is the only DNS name any hosts file carries.
package deploy
