package deploy

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/pf"
	"github.com/jitsi-go/jitsi-go/vmm"
)

// randomDescription builds a valid description: 1-8 bridges, xmppd or
// prosody, fixed or automatic IDs and ports, given or generated secrets.
func randomDescription(r *rand.Rand) *Description {
	nb := 1 + r.IntN(maxBridges)
	d := &Description{
		Domain: fmt.Sprintf("m%d.example%d.org", r.IntN(100), r.IntN(10)),
		Host: Host{
			PublicAddress: netip.AddrFrom4([4]byte{203, 0, 113, byte(1 + r.IntN(250))}),
			Resolver:      netip.AddrFrom4([4]byte{198, 51, 100, byte(1 + r.IntN(250))}),
			Admin:         []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")},
		},
		XMPPServer:        []string{ServerXMPPD, ServerProsody}[r.IntN(2)],
		SCTP:              r.IntN(2) == 0,
		ColibriWebsockets: true,
		Secrets:           Secrets{Generate, Generate},
		TLS:               TLS{Web: "acme", XMPP: r.IntN(2) == 0},
	}
	if d.SCTP {
		d.ColibriWebsockets = r.IntN(2) == 0
	}
	if r.IntN(2) == 0 {
		d.Secrets = Secrets{"focus-" + strconv.Itoa(r.IntN(1e6)) + "xx", "jvb_" + strconv.Itoa(r.IntN(1e6)) + "yyy"}
	}
	if r.IntN(2) == 0 {
		d.Host.Monitor = []netip.Prefix{netip.MustParsePrefix("198.51.100.0/28")}
	}
	first := 1024 + r.IntN(60000)
	d.BridgeUDPPorts = PortRange{first, first + nb - 1 + r.IntN(5)}
	d.Guests = randomGuests(r, nb)
	return d
}

func randomGuests(r *rand.Rand, nb int) []Guest {
	roles := []Role{RoleWeb, RoleXMPP, RoleFocus}
	for i := 0; i < nb; i++ {
		roles = append(roles, RoleBridge)
	}
	r.Shuffle(len(roles), func(i, j int) { roles[i], roles[j] = roles[j], roles[i] })
	// Keep xmpp before focus before bridges in description order; web floats.
	var ordered []Role
	next := map[Role]int{RoleXMPP: 0, RoleFocus: 1, RoleBridge: 2}
	var core []Role
	for _, ro := range roles {
		if ro != RoleWeb {
			core = append(core, ro)
		}
	}
	sortRoles(core, next)
	ci := 0
	for _, ro := range roles {
		if ro == RoleWeb {
			ordered = append(ordered, ro)
		} else {
			ordered = append(ordered, core[ci])
			ci++
		}
	}
	fixed := r.IntN(2) == 0
	guests := make([]Guest, len(ordered))
	usedPort := map[int]bool{}
	for i, ro := range ordered {
		name := fmt.Sprintf("%s%d-%c", ro, i, 'a'+rune(r.IntN(26)))
		g := Guest{Name: name, Role: ro, Memory: []string{"512M", "1G", "2G", "4G", "1536M"}[r.IntN(5)],
			Disk: "/vm/" + name + []string{".qcow2", ".img"}[r.IntN(2)]}
		if fixed {
			g.ID = i + 1
		}
		if ro == RoleBridge && r.IntN(3) == 0 {
			p := 2000 + r.IntN(500)
			if !usedPort[p] {
				usedPort[p] = true
				g.UDPPort = p
			}
		}
		guests[i] = g
	}
	if fixed { // fixed IDs given in any description order
		r.Shuffle(len(guests), func(i, j int) { guests[i], guests[j] = guests[j], guests[i] })
	}
	return guests
}

func sortRoles(rs []Role, rank map[Role]int) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rank[rs[j]] < rank[rs[j-1]]; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// TestPropertyRandomDescriptions emits 120 random valid descriptions and
// checks, independently of Check, that every file passes its validator
// and that addresses, ports and secrets agree across all files.
func TestPropertyRandomDescriptions(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	bridges := map[int]bool{}
	servers := map[string]bool{}
	for i := 0; i < 120; i++ {
		d := randomDescription(r)
		bridges[d.Count(RoleBridge)] = true
		servers[d.XMPPServer] = true
		p, err := NewPlan(d, r2reader{r})
		if err != nil {
			t.Fatalf("case %d: %v\n%+v", i, err, d)
		}
		tree, err := emitTree(p)
		if err == nil {
			err = Check(p, tree)
		}
		if err != nil {
			t.Fatalf("case %d: %v\n%+v", i, err, d)
		}
		checkProperties(t, d, tree)
		checkDaemonReaders(t, p, tree)
	}
	if len(bridges) != maxBridges || len(servers) != 2 {
		t.Errorf("generator covered bridge counts %v and servers %v", bridges, servers)
	}
}

// r2reader feeds random bytes from a math/rand source.
type r2reader struct{ r *rand.Rand }

func (rr r2reader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(rr.r.UintN(256))
	}
	return len(p), nil
}

func checkProperties(t *testing.T, d *Description, tree Tree) {
	t.Helper()
	for _, p := range tree.Paths() {
		if err := validateFile(p, tree[p].Data); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	vmconf, _ := tree.Get("host", "/etc/vm.conf")
	vf, err := vmm.Parse(vmconf)
	if err != nil {
		t.Fatal(err)
	}
	hostsData, _ := tree.Get("host", "/etc/hosts")
	hostPF, _ := tree.Get("host", "/etc/pf.conf")
	hpf, _ := pf.Parse(hostPF)
	for i, vm := range vf.VMs {
		addr := fmt.Sprintf("100.64.%d.3", i+1) // independent of vmm.Addr
		if !strings.Contains(string(hostsData), addr+"\t"+vm.Name) {
			t.Fatalf("hosts lacks %s %s", addr, vm.Name)
		}
		if hpf.Macros[macro(vm.Name)] != addr {
			t.Fatalf("host pf macro %s = %q, want %s", vm.Name, hpf.Macros[macro(vm.Name)], addr)
		}
		hn, _ := tree.Get(vm.Name, "/etc/hostname.vio0")
		if string(hn) != "inet "+addr+" 255.255.255.254\n" {
			t.Fatalf("%s hostname.vio0 %q", vm.Name, hn)
		}
		other, _ := tree.Get(vm.Name, "/etc/hosts")
		if string(other) != string(hostsData) {
			t.Fatalf("%s hosts differs", vm.Name)
		}
	}
	checkRules(t, tree)
	checkAgreement(t, d, tree, hpf)
}

// checkRules: rdr-to only on in rules, nat-to only on out, proto with port.
func checkRules(t *testing.T, tree Tree) {
	for _, p := range tree.Paths() {
		if !strings.HasSuffix(p, "/etc/pf.conf") {
			continue
		}
		f, _ := pf.Parse(tree[p].Data)
		for _, r := range f.Rules {
			if r.RdrTo != nil && r.Dir != "in" || r.NatTo != nil && r.Dir != "out" ||
				len(r.To.Ports)+len(r.From.Ports) > 0 && len(r.Proto) == 0 {
				t.Fatalf("%s: bad rule %q", p, r.String())
			}
		}
	}
}

// checkAgreement: ports, secrets and SCTP agree across all files.
func checkAgreement(t *testing.T, d *Description, tree Tree, hpf *pf.File) {
	rdr := map[string]string{}
	for _, r := range hpf.Rules {
		if r.RdrTo != nil && len(r.Proto) == 1 && r.Proto[0] == "udp" {
			rdr[r.To.Ports[0].A] = r.RdrTo.Hosts[0].Addr
		}
	}
	var xmppName, focusName string
	for _, g := range d.Guests {
		switch g.Role {
		case RoleXMPP:
			xmppName = g.Name
		case RoleFocus:
			focusName = g.Name
		}
	}
	acct, _ := tree.Get(xmppName, accountsPath)
	pw := accountPasswords(acct)
	jc, _ := tree.Get(focusName, "/etc/jicofo/jicofo.conf")
	sctp, _ := lookupHOCON(jc, "jicofo.sctp.enabled")
	if fpw, _ := lookupHOCON(jc, "jicofo.xmpp.client.password"); fpw != pw["focus@auth."+d.Domain] || fpw == "" {
		t.Fatalf("focus password %q vs registered %q", fpw, pw["focus@auth."+d.Domain])
	}
	seenPorts := map[string]bool{}
	for _, g := range d.Guests {
		if g.Role != RoleBridge {
			continue
		}
		jvb, _ := tree.Get(g.Name, "/etc/jvb/jvb.conf")
		port, _ := lookupHOCON(jvb, "videobridge.ice.udp.port")
		sip, _ := tree.Get(g.Name, "/etc/jvb/sip-communicator.properties")
		props, _ := parseProperties(sip)
		local := props["org.ice4j.ice.harvest.NAT_HARVESTER_LOCAL_ADDRESS"]
		if rdr[port] != local || seenPorts[port] || hpf.Macros[macro(g.Name)] != local {
			t.Fatalf("bridge %s port %s redirected to %q, local %q, seen %v", g.Name, port, rdr[port], local, seenPorts[port])
		}
		seenPorts[port] = true
		gpf, _ := tree.Get(g.Name, "/etc/pf.conf")
		if !strings.Contains(string(gpf), "proto udp to self port "+port+"\n") {
			t.Fatalf("bridge %s pf.conf does not accept udp %s", g.Name, port)
		}
		jpw, _ := lookupHOCON(jvb, "videobridge.apis.xmpp-client.configs."+macro(xmppName)+".password")
		if jpw != pw["jvb@auth."+d.Domain] || jpw == "" {
			t.Fatalf("bridge %s password %q vs registered %q", g.Name, jpw, pw["jvb@auth."+d.Domain])
		}
		if s, _ := lookupHOCON(jvb, "videobridge.sctp.enabled"); s != sctp {
			t.Fatalf("bridge %s sctp %s, focus %s", g.Name, s, sctp)
		}
		if props["org.ice4j.ice.harvest.NAT_HARVESTER_PUBLIC_ADDRESS"] != d.Host.PublicAddress.String() {
			t.Fatalf("bridge %s public address %v", g.Name, props)
		}
	}
}
