package mucbench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// benchDomain is the anonymous host both servers serve; benchMUC its MUC
// service (anyone may create rooms, no locking, public JIDs on both).
const (
	benchDomain = "bench.test"
	benchMUC    = "muc.bench.test"
	benchRoom   = "bench@" + benchMUC
)

// server is one XMPP server process under test, started by this package.
type server struct {
	name string
	proc *testenv.Process
	addr string // c2s on loopback
}

func (s *server) target() target {
	return target{addr: s.addr, domain: benchDomain, room: benchRoom}
}

// stop stops the process this package started (by its PID only).
func (s *server) stop(ctx context.Context) error { return s.proc.Stop(ctx) }

// startProsody runs stock prosody in dir with logging at warn (debug
// logging would dominate its CPU) and no rate limits (mod_limits is not
// loaded by testenv's configuration).
func startProsody(ctx context.Context, dir, binary string) (*server, error) {
	cfg := testenv.ProsodyConfig{Dir: dir, Domain: benchDomain, Binary: binary, LogLevel: "warn", OpenMUC: benchMUC}
	if binary != "" {
		cfg.Ctl = filepath.Join(filepath.Dir(binary), "prosodyctl")
	}
	p, err := testenv.StartProsody(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &server{name: "prosody", proc: p.Process, addr: testenv.Loopback(p.Config.C2SPort)}, nil
}

// startXmppd runs the xmppd binary in dir with a configuration serving the
// same layout as startProsody on free loopback ports, with client rate
// limits far above the offered load.
func startXmppd(ctx context.Context, dir, binary string, queue int) (*server, error) {
	ports, err := testenv.FreePorts(4)
	if err != nil {
		return nil, err
	}
	conf := filepath.Join(dir, "xmppd.conf")
	if err := os.WriteFile(conf, []byte(xmppdConf(dir, ports, queue)), 0o600); err != nil {
		return nil, fmt.Errorf("mucbench: %w", err)
	}
	cmd := exec.Command(binary, "-config", conf)
	cmd.Dir = dir
	proc, err := testenv.StartProcess("xmppd", filepath.Join(dir, "xmppd.log"), cmd)
	if err != nil {
		return nil, err
	}
	s := &server{name: "xmppd", proc: proc, addr: testenv.Loopback(ports[0])}
	alive := func() error {
		if proc.Exited() {
			return fmt.Errorf("mucbench: xmppd exited during start-up; see %s", proc.LogPath)
		}
		return nil
	}
	if err := testenv.WaitListening(ctx, s.addr, alive); err != nil {
		_ = s.stop(context.Background())
		return nil, err
	}
	return s, nil
}

// xmppdConf is xmppd.conf (HOCON) for the benchmark host and MUC; queue,
// when positive, sets limits.outgoing-queue (per-connection stanza queue).
func xmppdConf(dir string, ports []int, queue int) string {
	limits := "rate-bytes-per-second = 16777216, rate-burst-bytes = 16777216"
	if queue > 0 {
		limits += fmt.Sprintf(", outgoing-queue = %d", queue)
	}
	return fmt.Sprintf(`xmppd {
  domain = %q
  data-dir = %q
  listen { c2s = %q, components = %q, http = %q, admin = %q }
  limits { %s }
  hosts = [ { name = %q, auth = "anonymous" } ]
  muc = [ { name = %q, default-public-jids = true } ]
  client-proxy = []
}
`, benchDomain, filepath.Join(dir, "data"), testenv.Loopback(ports[0]), testenv.Loopback(ports[1]),
		testenv.Loopback(ports[2]), testenv.Loopback(ports[3]), limits, benchDomain, benchMUC)
}
