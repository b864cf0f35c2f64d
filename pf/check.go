package pf

// checkRule applies pfctl's rule_consistent() checks that matter for the
// emitted subset, plus our own: a port always comes with proto tcp/udp.
func checkRule(r Rule) error {
	hasPorts := len(r.From.Ports) > 0 || len(r.To.Ports) > 0
	if hasPorts && len(r.Proto) == 0 {
		return lineErr(ErrRule, r.Line, "port without proto: say proto tcp or proto udp")
	}
	if hasPorts {
		for _, pr := range r.Proto {
			if pr != "tcp" && pr != "udp" {
				return lineErr(ErrRule, r.Line, "port only applies to tcp/udp, not %q", pr)
			}
		}
	}
	if r.NatTo != nil && r.Dir != "out" {
		return lineErr(ErrRule, r.Line, "nat-to can only be used outbound")
	}
	if r.RdrTo != nil && r.Dir != "in" {
		return lineErr(ErrRule, r.Line, "rdr-to can only be used inbound")
	}
	if (r.NatTo != nil || r.RdrTo != nil) && r.Action == "block" {
		return lineErr(ErrRule, r.Line, "nat-to and rdr-to cannot be used on block rules")
	}
	if (r.NatTo != nil || r.RdrTo != nil) && r.Action == "pass" && r.State == "no state" {
		return lineErr(ErrRule, r.Line, "nat-to and rdr-to require keep state")
	}
	if r.RdrTo != nil && len(r.RdrTo.Ports) > 1 {
		return lineErr(ErrRule, r.Line, "rdr-to takes one port or range")
	}
	if r.Flags != "" && len(r.Proto) > 0 && !contains(r.Proto, "tcp") {
		return lineErr(ErrRule, r.Line, "flags only apply to tcp")
	}
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
