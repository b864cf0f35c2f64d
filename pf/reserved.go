package pf

// reserved lists the keywords of pfctl's lookup() table (sbin/pfctl/parse.y).
// An unquoted word equal to one of them is a keyword, never a name, so a
// macro, table or host may not be called that.
var reserved = map[string]bool{}

func init() {
	for _, w := range []string{
		"all", "allow-opts", "anchor", "antispoof", "any", "bandwidth", "binat-to",
		"bitmask", "block", "block-policy", "buckets", "burst", "code", "counters",
		"debug", "default", "delay", "divert-packet", "divert-reply", "divert-to",
		"drop", "dup-to", "file", "fingerprints", "flags", "floating", "flows",
		"flush", "for", "fragment", "from", "global", "group", "hostid",
		"icmp-type", "icmp6-type", "if-bound", "in", "include", "inet", "inet6",
		"keep", "label", "least-states", "limit", "load", "log", "loginterface",
		"match", "matches", "max", "max-mss", "max-pkt-rate", "max-src-conn",
		"max-src-conn-rate", "max-src-nodes", "max-src-states", "min",
		"min-ttl", "modulate", "nat-to", "no", "no-df", "no-route", "no-sync",
		"on", "once", "optimization", "os", "out", "parent", "pass", "persist",
		"pflow", "port", "prio", "probability", "proto", "qlimit", "queue",
		"quick", "random", "random-id", "rdomain", "rdr-to", "reassemble",
		"received-on", "reply-to", "return", "return-icmp", "return-icmp6",
		"return-rst", "round-robin", "route", "route-to", "rtable", "rule",
		"ruleset-optimization", "scrub", "self", "set", "set-tos", "skip",
		"sloppy", "source-hash", "source-track", "state", "state-defaults",
		"state-policy", "static-port", "sticky-address", "syncookies",
		"synproxy", "table", "tag", "tagged", "timeout", "to", "tos", "ttl",
		"upperlimit", "urpf-failed", "user", "weight",
	} {
		reserved[w] = true
	}
}

// IsReserved reports whether w is a pf.conf keyword and so needs quoting
// (or renaming) when used as a value or macro name.
func IsReserved(w string) bool { return reserved[w] }
