package capacity

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

const (
	// stopTimeout bounds a stop after a failed start.
	stopTimeout = 10 * time.Second
	// pollEvery paces the readiness polls.
	pollEvery = 100 * time.Millisecond
	// tailBytes is how much of a log an error quotes.
	tailBytes = 2048
)

// loopbackClient reaches the servers' REST APIs, never through a proxy.
var loopbackClient = &http.Client{
	Timeout:   2 * time.Second,
	Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true},
}

// register adds an account to xmppd's data directory the way prosodyctl
// register does (xmppd [-config FILE] register USER HOST PASSWORD).
func register(ctx context.Context, xmppd, conf, user, host, password string) error {
	cmd := exec.CommandContext(ctx, xmppd, "-config", conf, "register", user, host, password)
	cmd.Dir = filepath.Dir(conf)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%w: xmppd register %s@%s: %w: %s", ErrDeploy, user, host, err, out)
	}
	return nil
}

// launch starts one server with its log in Dir/<name>.log and waits until
// every addr accepts TCP connections.
func (d *Deployment) launch(ctx context.Context, name, bin string, args []string, addrs ...string) error {
	cmd := exec.Command(bin, args...)
	cmd.Dir = d.Dir
	cmd.Env = os.Environ()
	p, err := testenv.StartProcess(name, filepath.Join(d.Dir, name+".log"), cmd)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrDeploy, err)
	}
	d.procs = append(d.procs, p)
	alive := func() error { return d.exited(p) }
	for _, a := range addrs {
		if err := testenv.WaitListening(ctx, a, alive); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrDeploy, name, err)
		}
	}
	return nil
}

// exited returns ErrDied with the log's tail once p has exited.
func (d *Deployment) exited(p *testenv.Process) error {
	if !p.Exited() {
		return nil
	}
	return fmt.Errorf("%w: %s (pid %d); %s:\n%s", ErrDied, p.Name, p.PID(), p.LogPath, logTail(p.LogPath))
}

// waitHealthy polls the bridge's and the focus's /about/health until both
// answer 200 (the focus only does once the bridge is operational in its
// brewery), a server exits, or ctx ends.
func (d *Deployment) waitHealthy(ctx context.Context) error {
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		for _, p := range d.procs {
			if err := d.exited(p); err != nil {
				return err
			}
		}
		berr := healthy(ctx, d.BridgeHealth)
		ferr := healthy(ctx, d.FocusHealth)
		if berr == nil && ferr == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: not ready: bridge: %v; focus: %v (logs in %s)", ErrDeploy, berr, ferr, d.Dir)
		case <-t.C:
		}
	}
}

// healthy is nil when GET url answers 200.
func healthy(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := loopbackClient.Do(req)
	if err != nil {
		return err
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	return nil
}

// logTail returns the end of a log file.
func logTail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if len(b) > tailBytes {
		b = b[len(b)-tailBytes:]
	}
	return string(b)
}
