package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// Daemons are our focus and bridge, running as processes started from
// their drop-in configuration files.
type Daemons struct {
	Ports          DaemonPorts
	Focus, Bridge  *testenv.Process
	jicofo, jvb    string // the configuration files
	scLocation     string // JVB_SC_HOME_LOCATION
	focusComponent bool
	restarts       int // bridges started by RestartBridge
}

// StartDaemons writes jicofo.conf, jvb.conf and sip-communicator.properties
// for x's deployment and starts the built focus and bridge (DaemonBinaries)
// by PID, the way an rc script does. With stock prosody the focus also
// connects as the external component focus.<domain> (prosody has no
// mod_client_proxy); with xmppd it is a plain client behind xmppd's native
// client_proxy. It returns once the focus's /stats counts the bridge as
// operational. Both are stopped at cleanup; their logs are printed if the
// test failed.
func StartDaemons(t testing.TB, x *XMPPServer) *Daemons {
	t.Helper()
	bins, err := DaemonBinaries()
	if err != nil {
		t.Fatal(err)
	}
	ports, err := testenv.FreePorts(4)
	if err != nil {
		t.Fatalf("e2e: %v", err)
	}
	dm := &Daemons{Ports: DaemonPorts{FocusREST: ports[0], BridgeUDP: ports[1], BridgeHTTP: ports[2], BridgeREST: ports[3]},
		focusComponent: x.Deployment.Server == Prosody}
	dir := t.TempDir()
	dm.jicofo, dm.jvb, err = dropInFiles(dir, x.Deployment, dm.Ports)
	if err != nil {
		t.Fatal(err)
	}
	dm.scLocation = dir
	dm.Bridge = dm.start(t, "bridge", dir, dm.bridgeCmd(bins.Bridge))
	dm.Focus = dm.start(t, "focus", dir, dm.focusCmd(bins.Focus, x.Deployment))
	t.Cleanup(func() { // runs before the processes stop
		if t.Failed() {
			t.Logf("bridge /colibri/stats: %s", dm.bridgeStats())
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	if err := dm.waitBridgeInFocus(ctx); err != nil {
		t.Fatal(err)
	}
	return dm
}

// bridgeCmd runs the bridge as the Debian unit does: jvb.conf from
// JVB_CONF, sip-communicator.properties from JVB_SC_HOME_LOCATION/NAME.
func (dm *Daemons) bridgeCmd(bin string) *exec.Cmd {
	cmd := exec.Command(bin, "-log-level=debug")
	cmd.Env = append(os.Environ(), "JVB_CONF="+dm.jvb, "JVB_SC_HOME_LOCATION="+dm.scLocation, "JVB_SC_HOME_NAME=videobridge")
	return cmd
}

// focusCmd runs the focus as the OpenBSD rc script does (-host, -config),
// with the component secret in the environment when it is a component.
func (dm *Daemons) focusCmd(bin string, d Deployment) *exec.Cmd {
	args := []string{"-host=" + d.Domain, "-config=" + dm.jicofo, "-log-level=debug"}
	cmd := exec.Command(bin, args...)
	cmd.Env = os.Environ()
	if dm.focusComponent {
		cmd.Args = append(cmd.Args, "-component-host=127.0.0.1", fmt.Sprintf("-component-port=%d", d.Ports.Component))
		cmd.Env = append(cmd.Env, "JICOFO_COMPONENT_SECRET="+d.FocusSecret)
	}
	return cmd
}

func (dm *Daemons) start(t testing.TB, name, dir string, cmd *exec.Cmd) *testenv.Process {
	t.Helper()
	p, err := testenv.StartProcess(name, filepath.Join(dir, name+".log"), cmd)
	if err != nil {
		t.Fatalf("e2e: %v", err)
	}
	t.Cleanup(func() {
		stopProcess(p)
		if t.Failed() || os.Getenv("E2E_DAEMON_LOGS") != "" {
			b, _ := os.ReadFile(p.LogPath)
			t.Logf("%s (pid %d) log (tail):\n%s", name, p.PID(), tail(b, 24000))
		}
	})
	return p
}

// focusStats is the part of the focus's GET /stats the harness reads.
type focusStats struct {
	BridgeSelector struct {
		Operational int `json:"operational_bridge_count"`
	} `json:"bridge_selector"`
	XMPPConnected      bool `json:"xmpp_connected"`
	ComponentConnected bool `json:"component_connected"`
}

// waitBridgeInFocus polls the focus's /stats until it is connected (and,
// as a component, connected as one) and has an operational bridge.
func (dm *Daemons) waitBridgeInFocus(ctx context.Context) error {
	url := fmt.Sprintf("http://127.0.0.1:%d/stats", dm.Ports.FocusREST)
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	var last focusStats
	for {
		for _, p := range []*testenv.Process{dm.Focus, dm.Bridge} {
			if p.Exited() {
				return fmt.Errorf("e2e: %s exited during start; log %s", p.Name, p.LogPath)
			}
		}
		if s, err := getStats(ctx, url); err == nil {
			last = s
			if s.XMPPConnected && (s.ComponentConnected || !dm.focusComponent) && s.BridgeSelector.Operational >= 1 {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("e2e: the focus never saw an operational bridge (last /stats %+v): %w", last, ctx.Err())
		case <-tick.C:
		}
	}
}

func getStats(ctx context.Context, url string) (focusStats, error) {
	var s focusStats
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return s, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("e2e: %s: %s", url, resp.Status)
	}
	return s, json.NewDecoder(resp.Body).Decode(&s)
}

// bridgeStats returns the bridge's GET /colibri/stats body, for reports.
func (dm *Daemons) bridgeStats() string {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	url := fmt.Sprintf("http://127.0.0.1:%d/colibri/stats", dm.Ports.BridgeREST)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err.Error()
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<10))
	if err != nil {
		return err.Error()
	}
	return string(b)
}
