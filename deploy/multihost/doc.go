// Package multihost starts an emitted jitsi-deploy tree on one Linux
// machine the way the vmd host would run it: one network namespace per
// guest, joined by veth pairs to a router namespace that stands in for the
// vmd host (the guest side named vio0 with the address of the guest's
// emitted hostname.vio0, the router side tapN with the address of its
// mygate), and each daemon started by the command line its emitted rc.d
// script and rc.conf.local give, chrooted into the guest's emitted tree, so
// that it reads exactly the emitted configuration files at their emitted
// paths and resolves names through the emitted /etc/hosts. In nginx's
// place, StartWeb serves the emitted nginx.conf's TLS server and proxies
// its proxy_pass locations (BOSH, XMPP websocket, colibri websockets).
//
// The pieces that only read files (rc.d scripts, rc.conf.local,
// accounts.sh, hostname.vio0) are portable; starting namespaces and
// processes is Linux-only and needs root. Every process is stopped by its
// PID and every namespace deleted by Lab.Close.
package multihost
