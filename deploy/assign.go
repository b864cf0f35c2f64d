package deploy

// assignIDs gives every guest its vmd ID: fixed IDs first, then the free
// IDs in ascending order to the remaining guests in description order.
// vmd numbers the VMs of vm.conf 1..N in file order, so IDs must form
// exactly 1..N; and vmd starts them in that order, so the XMPP guest must
// come before the focus, and the focus before every bridge.
func assignIDs(guests []Guest) (map[string]int, error) {
	ids := map[string]int{}
	owner := map[int]Guest{}
	for _, g := range guests {
		if g.ID == 0 {
			continue
		}
		if g.ID > len(guests) {
			return nil, fieldErr(g.field+".id", "%d exceeds the number of guests (%d): vmd numbers vm.conf's VMs 1..N in file order", g.ID, len(guests))
		}
		if prev, dup := owner[g.ID]; dup {
			return nil, fieldErr(g.field+".id", "%d is already %s's ID: both guests would get address 100.64.%d.3", g.ID, prev.field, g.ID)
		}
		owner[g.ID] = g
		ids[g.Name] = g.ID
	}
	next := 1
	for _, g := range guests {
		if g.ID != 0 {
			continue
		}
		for owner[next].Name != "" {
			next++
		}
		owner[next] = g
		ids[g.Name] = next
	}
	return ids, checkStartOrder(guests, ids)
}

// checkStartOrder enforces xmpp → focus → bridges in vm.conf order.
func checkStartOrder(guests []Guest, ids map[string]int) error {
	var xmpp, focus Guest
	for _, g := range guests {
		switch g.Role {
		case RoleXMPP:
			xmpp = g
		case RoleFocus:
			focus = g
		}
	}
	if ids[focus.Name] < ids[xmpp.Name] {
		return orderErr(focus, xmpp, ids)
	}
	for _, g := range guests {
		if g.Role == RoleBridge && ids[g.Name] < ids[focus.Name] {
			return orderErr(g, focus, ids)
		}
	}
	return nil
}

func orderErr(early, late Guest, ids map[string]int) error {
	return fieldErr(early.field+".id", "%s %q would get ID %d, before %s %q (ID %d): vmd starts guests in vm.conf order and the focus needs the XMPP server, bridges the focus (start order xmpp → focus → bridge)",
		early.Role, early.Name, ids[early.Name], late.Role, late.Name, ids[late.Name])
}

// assignPorts gives every bridge its UDP port: fixed ports first, then the
// next free ports of BridgeUDPPorts in description order.
func assignPorts(d *Description) (map[string]int, error) {
	r := d.BridgeUDPPorts
	if r.First < 1024 || r.Last > 65535 || r.First > r.Last {
		return nil, fieldErr("deployment.bridge-udp-ports", "%d-%d: want a range within 1024-65535", r.First, r.Last)
	}
	ports := map[string]int{}
	owner := map[int]Guest{}
	for _, g := range d.Guests {
		if g.Role != RoleBridge || g.UDPPort == 0 {
			continue
		}
		if prev, dup := owner[g.UDPPort]; dup {
			return nil, fieldErr(g.field+".udp-port", "%d is already the port of %s: bridge ports must not overlap", g.UDPPort, prev.field)
		}
		owner[g.UDPPort] = g
		ports[g.Name] = g.UDPPort
	}
	next := r.First
	for _, g := range d.Guests {
		if g.Role != RoleBridge || g.UDPPort != 0 {
			continue
		}
		for owner[next].Name != "" {
			next++
		}
		if next > r.Last {
			return nil, fieldErr("deployment.bridge-udp-ports", "%d-%d has no free port left for %s %q", r.First, r.Last, g.field, g.Name)
		}
		owner[next] = g
		ports[g.Name] = next
		next++
	}
	return ports, nil
}
