package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// TestSignals builds the binary, serves from a config file on loopback,
// reloads TLS on SIGHUP and shuts down gracefully on SIGTERM.
func TestSignals(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "xmppd")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	conf := filepath.Join(dir, "xmppd.conf")
	cfg := `xmppd {
  domain = "meet.test"
  data-dir = "` + dir + `/data"
  listen { c2s = "127.0.0.1:0", components = "127.0.0.1:0", http = "127.0.0.1:0", admin = "127.0.0.1:0" }
}`
	if err := os.WriteFile(conf, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-config", conf)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	started := waitLine(t, lines, "xmppd started")
	c2s := regexp.MustCompile(`c2s=(\S+)`).FindStringSubmatch(started)[1]
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	c, err := xmpp.DialTCP(ctx, c2s, xmpp.Config{Domain: "meet.test", TLS: &tls.Config{InsecureSkipVerify: true}})
	if err != nil {
		t.Fatal(err)
	}
	_ = cmd.Process.Signal(syscall.SIGHUP)
	waitLine(t, lines, "TLS configuration reloaded")
	_ = cmd.Process.Signal(syscall.SIGTERM)
	<-c.Done()
	if !strings.Contains(c.Err().Error(), "system-shutdown") {
		t.Fatalf("client ended with %v", c.Err())
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}

func waitLine(t *testing.T, lines <-chan string, substr string) string {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("process ended before %q", substr)
			}
			if strings.Contains(l, substr) {
				return l
			}
		case <-timeout:
			t.Fatalf("no %q", substr)
		}
	}
}
