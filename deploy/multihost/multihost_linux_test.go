package multihost

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/deploy"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// clientEnv carries the call to the client child (JSON callSpec); the
// child runs TestMultiHostClient inside the client namespace.
const clientEnv = "JITSI_GO_MULTIHOST_CLIENT"

// callSpec is what the client child needs to know.
type callSpec struct {
	Domain    string // XMPP domain
	WebSocket string // wss://D/xmpp-websocket
	Room      string
	Client    string // the client namespace's prefix: ICE uses only it
}

// TestMultiHostCall emits the tree of a four-guest description (web, our
// xmppd, focus, one bridge), runs each guest in its own network namespace
// behind a router namespace standing in for the vmd host, starts xmppd,
// focus and bridge with the commands of their emitted rc.d scripts and
// rc.conf.local, chrooted into the guest's emitted tree (so each reads its
// emitted config files and resolves names through the emitted
// /etc/hosts), registers the accounts with the emitted accounts.sh, waits
// for the focus's health check (XMPP up, a bridge in the brewery), and has
// two participants in a client namespace hold a call across the
// namespaces: each receives the other's audio and video, payloads intact.
func TestMultiHostCall(t *testing.T) {
	requireNetNS(t)
	d, err := deploy.LoadFile("testdata/xmppd-1bridge.conf")
	if err != nil {
		t.Fatal(err)
	}
	tree, err := deploy.Emit(d, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	bins := buildDaemons(t)
	t.Logf("daemons built in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	lab, err := NewLab(tree, t.TempDir(), fmt.Sprintf("jd%d", os.Getpid()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Log(lab.Logs())
		}
		if err := lab.Close(); err != nil {
			t.Errorf("lab cleanup: %v", err)
		}
	})
	web, focus := role(t, d, lab, deploy.RoleWeb), role(t, d, lab, deploy.RoleFocus)
	caFile := installWebCert(t, tree, web, d.Domain)
	jc, _ := tree.Get(focus.Name, "/etc/jicofo/jicofo.conf")
	jicofo, err := config.ParseJicofo("jicofo.conf", jc, d.Domain)
	if err != nil {
		t.Fatal(err)
	}
	startGuests(t, ctx, tree, lab, bins, jicofo.Client.Port)
	health := fmt.Sprintf("http://%s/about/health", net.JoinHostPort(jicofo.REST.Host, strconv.Itoa(jicofo.REST.Port)))
	if err := lab.WaitHTTP(ctx, focus.NS, health); err != nil {
		t.Fatal(err)
	}
	t.Logf("deployment ready after %v", time.Since(start).Round(time.Millisecond))
	spec := callSpec{Domain: d.Domain, WebSocket: "wss://" + d.Domain + "/xmpp-websocket",
		Room: "multihost@conference." + d.Domain, Client: lab.ClientAddr.Masked().String()}
	hosts := clientHosts(t, d.Domain, web)
	out, err := runClient(ctx, lab, spec, hosts, caFile)
	t.Logf("client (namespace %s):\n%s", lab.Client, out)
	if err != nil {
		t.Fatalf("call failed: %v", err)
	}
	if err := lab.Check(); err != nil {
		t.Fatal(err)
	}
	t.Logf("call held after %v", time.Since(start).Round(time.Millisecond))
}

func requireNetNS(t *testing.T) {
	t.Helper()
	if os.Getenv(clientEnv) != "" {
		t.Skip("SKIP: this is the client child of TestMultiHostCall")
	}
	if os.Geteuid() != 0 {
		t.Skip("SKIP: the multi-host test creates network namespaces and needs root")
	}
	if out, err := exec.Command("ip", "netns", "list").CombinedOutput(); err != nil {
		t.Skipf("SKIP: `ip netns` is unavailable: %v %s", err, out)
	}
}

// role returns the running guest of the description's guest with role r.
func role(t *testing.T, d *deploy.Description, lab *Lab, r deploy.Role) *Guest {
	t.Helper()
	for _, g := range d.Guests {
		if g.Role == r {
			if lg := lab.Guests[g.Name]; lg != nil {
				return lg
			}
		}
	}
	t.Fatalf("no %s guest in the lab", r)
	return nil
}

// startGuests starts the guests' services in vm.conf order (vmd's start
// order), the web stand-in in nginx's place; once the XMPP guest's server
// accepts on c2sPort (the focus's jicofo.conf port) from the router, its
// accounts.sh runs.
func startGuests(t *testing.T, ctx context.Context, tree deploy.Tree, lab *Lab, bins string, c2sPort int) {
	t.Helper()
	for _, g := range lab.Ordered() {
		skipped, err := lab.StartServices(tree, g, bins)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range skipped {
			if s != "nginx" {
				t.Fatalf("%s: pkg_scripts has %s, which the tree ships no rc.d script for", g.Name, s)
			}
			w, err := lab.StartWeb(g)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: nginx.conf served by the stand-in on :%s, %d proxied locations", g.Name, w.Site.Listen, len(w.Site.Locations))
		}
		if _, ok := tree.Get(g.Name, AccountsPath); !ok {
			continue
		}
		if err := lab.WaitTCP(ctx, lab.Router, net.JoinHostPort(g.Addr.Addr().String(), strconv.Itoa(c2sPort))); err != nil {
			t.Fatal(err)
		}
		if err := lab.RunAccounts(ctx, tree, g); err != nil {
			t.Fatal(err)
		}
	}
}

// buildDaemons builds cmd/xmppd, cmd/focus and cmd/bridge, static (the
// chroots hold nothing else), and returns their directory. A cold build
// cache may take minutes; the call's own time budget starts after it.
func buildDaemons(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := t.TempDir()
	cmd := exec.CommandContext(ctx, goTool(), "build", "-o", dir+"/",
		"github.com/jitsi-go/jitsi-go/cmd/xmppd", "github.com/jitsi-go/jitsi-go/cmd/focus", "github.com/jitsi-go/jitsi-go/cmd/bridge")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

// installWebCert puts a self-signed certificate for domain where the web
// guest's nginx.conf expects acme-client's files, and returns it for the
// clients to trust.
func installWebCert(t *testing.T, tree deploy.Tree, web *Guest, domain string) string {
	t.Helper()
	conf, _ := tree.Get(web.Name, "/etc/nginx/nginx.conf")
	site, err := ParseNginx(conf)
	if err != nil {
		t.Fatal(err)
	}
	crt, key, err := testenv.SelfSigned(t.TempDir(), domain)
	if err != nil {
		t.Fatal(err)
	}
	for src, dst := range map[string]string{crt: site.Cert, key: site.Key} {
		data, err := os.ReadFile(src)
		if err == nil {
			err = os.MkdirAll(filepath.Dir(filepath.Join(web.Root, dst)), 0o755)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(web.Root, dst), data, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return crt
}

// clientHosts writes the clients' hosts file: the public name resolves to
// the web guest, as public DNS and the host's rdr-to of 443 would have it.
func clientHosts(t *testing.T, domain string, web *Guest) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "hosts")
	text := fmt.Sprintf("127.0.0.1\tlocalhost\n%s\t%s\n", web.Addr.Addr(), domain)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// runClient runs this test binary's TestMultiHostClient inside the client
// namespace, with hosts bind-mounted on /etc/hosts in the mount namespace
// ip netns exec makes (a slave of the host's: nothing propagates back) and
// caFile as the trusted roots. It returns the child's output; the child
// is killed by PID if ctx ends, and by the kernel if this process dies.
func runClient(ctx context.Context, lab *Lab, spec callSpec, hosts, caFile string) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	js, err := json.Marshal(spec)
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, "ip", "netns", "exec", lab.Client, "sh", "-c", `mount --bind "$0" /etc/hosts && exec "$@"`,
		hosts, exe, "-test.run=^TestMultiHostClient$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), clientEnv+"="+string(js), "SSL_CERT_FILE="+caFile)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}
