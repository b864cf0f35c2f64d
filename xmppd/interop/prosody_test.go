package interop

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const prosodyBin = "/usr/bin/prosody"

// startProsody writes a private config with loopback-only, non-default ports
// and starts `prosody -F` by PID; it is stopped with SIGTERM at cleanup.
func startProsody(t *testing.T) *target {
	t.Helper()
	if _, err := os.Stat(prosodyBin); err != nil {
		t.Skip("prosody not installed (CI: apt-get install -y prosody lua-unbound python3-slixmpp with a policy-rc.d that exits 101)")
	}
	dir := t.TempDir()
	ports := freePorts(t, 3)
	cfgPath := filepath.Join(dir, "prosody.cfg.lua")
	if err := os.WriteFile(cfgPath, []byte(prosodyConfig(dir, ports)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{testDomain, "auth." + testDomain} {
		selfSigned(t, dir, h)
	}
	cmd := exec.Command(prosodyBin, "--config", cfgPath, "-F")
	cmd.Dir = dir
	logf, _ := os.Create(filepath.Join(dir, "stdout.log"))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			b, _ := os.ReadFile(filepath.Join(dir, "prosody.log"))
			t.Logf("prosody log:\n%s", b)
		}
	})
	for _, p := range ports {
		waitPort(t, p)
	}
	tg := &target{Name: "prosody", Domain: testDomain, C2S: addr(ports[0]), Component: addr(ports[1]),
		HTTP: addr(ports[2]), CompName: "comp." + testDomain, CompSecret: "compsecret"}
	tg.Register = func(user, host, pass string) error {
		out, err := exec.Command("prosodyctl", "--config", cfgPath, "register", user, host, pass).CombinedOutput()
		if err != nil {
			return fmt.Errorf("prosodyctl register: %v: %s", err, out)
		}
		return nil
	}
	return tg
}

func addr(p int) string { return fmt.Sprintf("127.0.0.1:%d", p) }

func prosodyConfig(dir string, ports []int) string {
	d := testDomain
	return strings.NewReplacer("DIR", dir, "DOMAIN", d, "C2SPORT", fmt.Sprint(ports[0]),
		"COMPPORT", fmt.Sprint(ports[1]), "HTTPPORT", fmt.Sprint(ports[2])).Replace(`
run_as_root = true
daemonize = false
pidfile = "DIR/prosody.pid"
data_path = "DIR"
certificates = "DIR/certs"
interfaces = { "127.0.0.1" }
c2s_ports = { C2SPORT }
component_ports = { COMPPORT }
component_interfaces = { "127.0.0.1" }
http_ports = { HTTPPORT }
http_interfaces = { "127.0.0.1" }
https_ports = { }
s2s_ports = { }
c2s_require_encryption = false
consider_bosh_secure = true
consider_websocket_secure = true
cross_domain_bosh = true
cross_domain_websocket = true
log = { debug = "DIR/prosody.log" }
modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; "bosh"; "websocket"; "smacks"; "posix" }
VirtualHost "DOMAIN"
    authentication = "anonymous"
    ssl = { key = "DIR/certs/DOMAIN.key"; certificate = "DIR/certs/DOMAIN.crt" }
VirtualHost "auth.DOMAIN"
    authentication = "internal_hashed"
    ssl = { key = "DIR/certs/auth.DOMAIN.key"; certificate = "DIR/certs/auth.DOMAIN.crt" }
Component "conference.DOMAIN" "muc"
    admins = { "focus@auth.DOMAIN" }
    muc_room_locking = false
    muc_room_default_public_jids = true
Component "internal.auth.DOMAIN" "muc"
    admins = { "focus@auth.DOMAIN", "jvb@auth.DOMAIN" }
    muc_room_locking = false
Component "comp.DOMAIN"
    component_secret = "compsecret"
`)
}

func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ls []net.Listener
	var out []int
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		out = append(out, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return out
}

// waitPort polls until the port accepts; bounded to 10 s.
func waitPort(t *testing.T, port int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr(port), 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond) // polling for an external process, not timing a test
	}
	t.Fatalf("prosody did not listen on %d", port)
}

func selfSigned(t *testing.T, dir, host string) {
	t.Helper()
	certs := filepath.Join(dir, "certs")
	_ = os.MkdirAll(certs, 0o700)
	out, err := exec.Command("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
		"-nodes", "-days", "2", "-subj", "/CN="+host, "-addext", "subjectAltName=DNS:"+host+",DNS:*."+host,
		"-keyout", filepath.Join(certs, host+".key"), "-out", filepath.Join(certs, host+".crt")).CombinedOutput()
	if err != nil {
		t.Fatalf("openssl: %v: %s", err, out)
	}
}
