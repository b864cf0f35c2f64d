package router

// resource is one bound session.
type resource struct {
	name      string // resourcepart
	sink      Sink
	available bool
	priority  int
}

// resources are the bound sessions of one bare JID. Accounts have one or a
// few, so a slice searched in order costs less memory per session than a
// map per account (an anonymous Jitsi participant is an account of its own).
type resources []*resource

// find returns the session bound to resourcepart name, or nil.
func (rs resources) find(name string) *resource {
	for _, r := range rs {
		if r.name == name {
			return r
		}
	}
	return nil
}

// without returns rs minus the session named name, and whether it was there.
func (rs resources) without(name string) (resources, bool) {
	for i, r := range rs {
		if r.name == name {
			last := len(rs) - 1
			rs[i], rs[last] = rs[last], nil
			return rs[:last], true
		}
	}
	return rs, false
}
