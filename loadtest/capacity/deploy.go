package capacity

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/loadtest"
)

// Binaries a deployment runs, all in one directory
// (CGO_ENABLED=0 go build -o DIR ./cmd/xmppd ./cmd/focus ./cmd/bridge).
const (
	BinXMPPD  = "xmppd"
	BinFocus  = "focus"
	BinBridge = "bridge"
)

// ReadyTimeout bounds Start's wait for the three servers.
const ReadyTimeout = 60 * time.Second

// Deployment is xmppd, focus and bridge running as three local
// processes, every listener on 127.0.0.1.
type Deployment struct {
	// Dir holds the configuration files, xmppd's data and the logs
	// (xmppd.log, bridge.log, focus.log).
	Dir    string
	Domain string
	// Participants' endpoints.
	WebSocketURL, BOSHURL, C2S string
	// REST endpoints of the bridge (private API) and the focus.
	BridgeStats, BridgeHealth string
	FocusStats, FocusHealth   string

	procs []*testenv.Process // in start order: xmppd, bridge, focus
}

// Start writes the configuration files into workDir (an existing, empty
// directory), starts xmppd, the bridge and the focus from binDir and waits
// until the focus counts the bridge as operational (at most ReadyTimeout).
// On error everything it started is stopped.
func Start(ctx context.Context, binDir, workDir string) (*Deployment, error) {
	for _, b := range []string{BinXMPPD, BinFocus, BinBridge} {
		if err := checkBinary(filepath.Join(binDir, b)); err != nil {
			return nil, err
		}
	}
	v, err := newConfValues(workDir)
	if err != nil {
		return nil, err
	}
	if err := writeConfs(workDir, v); err != nil {
		return nil, err
	}
	d := newDeployment(workDir, v)
	ctx, cancel := context.WithTimeout(ctx, ReadyTimeout)
	defer cancel()
	if err := d.start(ctx, binDir, v); err != nil {
		sctx, scancel := context.WithTimeout(context.Background(), stopTimeout)
		defer scancel()
		_ = d.Stop(sctx)
		return nil, err
	}
	return d, nil
}

func newConfValues(dir string) (confValues, error) {
	free, err := testenv.FreePorts(6)
	if err != nil {
		return confValues{}, fmt.Errorf("%w: %w", ErrDeploy, err)
	}
	v := confValues{C2S: free[0], HTTP: free[1], FocusREST: free[2], BridgeUDP: free[3],
		BridgePublic: free[4], BridgePrivate: free[5], Domain: Domain,
		XMPPDData: filepath.Join(dir, "xmppd-data"), BridgeNick: "capacity-jvb"}
	if v.FocusPW, err = secret(); err != nil {
		return v, err
	}
	v.JVBPW, err = secret()
	return v, err
}

func newDeployment(dir string, v confValues) *Deployment {
	http := testenv.Loopback(v.HTTP)
	return &Deployment{
		Dir: dir, Domain: v.Domain, C2S: testenv.Loopback(v.C2S),
		WebSocketURL: "ws://" + http + "/xmpp-websocket", BOSHURL: "http://" + http + "/http-bind",
		BridgeStats:  "http://" + testenv.Loopback(v.BridgePrivate) + "/colibri/stats",
		BridgeHealth: "http://" + testenv.Loopback(v.BridgePrivate) + "/about/health",
		FocusStats:   "http://" + testenv.Loopback(v.FocusREST) + "/stats",
		FocusHealth:  "http://" + testenv.Loopback(v.FocusREST) + "/about/health",
	}
}

// start registers the accounts, then starts and waits for each server in
// turn.
func (d *Deployment) start(ctx context.Context, binDir string, v confValues) error {
	xmppd := filepath.Join(binDir, BinXMPPD)
	xconf := filepath.Join(d.Dir, "xmppd.conf")
	auth := "auth." + v.Domain
	if err := register(ctx, xmppd, xconf, "focus", auth, v.FocusPW); err != nil {
		return err
	}
	if err := register(ctx, xmppd, xconf, "jvb", auth, v.JVBPW); err != nil {
		return err
	}
	if err := d.launch(ctx, "xmppd", xmppd, []string{"-config", xconf}, d.C2S, testenv.Loopback(v.HTTP)); err != nil {
		return err
	}
	sc := filepath.Join(d.Dir, "videobridge", "sip-communicator.properties")
	bargs := []string{"-config", filepath.Join(d.Dir, "jvb.conf"), "-sc-properties", sc}
	if err := d.launch(ctx, "bridge", filepath.Join(binDir, BinBridge), bargs, testenv.Loopback(v.BridgePrivate)); err != nil {
		return err
	}
	fargs := []string{"-config", filepath.Join(d.Dir, "jicofo.conf"), "-host", v.Domain}
	if err := d.launch(ctx, "focus", filepath.Join(binDir, BinFocus), fargs, testenv.Loopback(v.FocusREST)); err != nil {
		return err
	}
	return d.waitHealthy(ctx)
}

// Procs are the three server processes, for loadtest.Options.Procs.
func (d *Deployment) Procs() []loadtest.Proc {
	out := make([]loadtest.Proc, 0, len(d.procs))
	for _, p := range d.procs {
		out = append(out, loadtest.Proc{Name: p.Name, PID: p.PID()})
	}
	return out
}

// Alive returns ErrDied naming the first server process that exited.
func (d *Deployment) Alive() error {
	for _, p := range d.procs {
		if p.Exited() {
			return fmt.Errorf("%w: %s (pid %d); log %s", ErrDied, p.Name, p.PID(), p.LogPath)
		}
	}
	return nil
}

// Stop stops the servers in reverse start order (SIGTERM to each PID,
// SIGKILL when ctx ends first) and waits for them. It is safe to call
// more than once.
func (d *Deployment) Stop(ctx context.Context) error {
	var errs []error
	for i := len(d.procs) - 1; i >= 0; i-- {
		if err := d.procs[i].Stop(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func checkBinary(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("%w: %w (build with CGO_ENABLED=0 go build -o DIR ./cmd/xmppd ./cmd/focus ./cmd/bridge)", ErrDeploy, err)
	}
	if st.IsDir() || st.Mode()&0o111 == 0 {
		return fmt.Errorf("%w: %s is not an executable file", ErrDeploy, path)
	}
	return nil
}
