package e2e

import (
	"context"
	"fmt"
	"syscall"
	"testing"
)

// KillBridge sends sig (syscall.SIGKILL: a crash; SIGTERM: a clean stop)
// to the bridge's PID and waits until it has exited and been reaped.
func (dm *Daemons) KillBridge(ctx context.Context, sig syscall.Signal) error {
	p := dm.Bridge
	if err := syscall.Kill(p.PID(), sig); err != nil {
		return fmt.Errorf("e2e: signal %v to bridge pid %d: %w", sig, p.PID(), err)
	}
	select {
	case <-p.Done():
		return nil
	case <-ctx.Done():
		return fmt.Errorf("e2e: bridge pid %d still running after %v: %w", p.PID(), sig, ctx.Err())
	}
}

// RestartBridge starts a new bridge process from the same drop-in files
// (same ports, same brewery nickname), as a service manager restarts a
// crashed daemon, and makes it dm.Bridge. Its log goes to a new file.
func (dm *Daemons) RestartBridge(t testing.TB) {
	t.Helper()
	bins, err := DaemonBinaries()
	if err != nil {
		t.Fatal(err)
	}
	dm.restarts++
	name := fmt.Sprintf("bridge-%d", dm.restarts)
	dm.Bridge = dm.start(t, name, dm.scLocation, dm.bridgeCmd(bins.Bridge))
}

// OperationalBridges is the focus's count of operational bridges (GET /stats).
func (dm *Daemons) OperationalBridges(ctx context.Context) (int, error) {
	s, err := getStats(ctx, fmt.Sprintf("http://127.0.0.1:%d/stats", dm.Ports.FocusREST))
	return s.BridgeSelector.Operational, err
}
