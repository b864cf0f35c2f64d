package integration

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	fxmpp "github.com/jitsi-go/jitsi-go/focus/xmppapi"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

var (
	buildOnce sync.Once
	binDir    string // removed by TestMain
	bridgeBin string
	buildErr  error
)

// bridgeBinary builds cmd/bridge once per test binary.
func bridgeBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, buildErr = testenv.BuildCommands("./cmd/bridge"); buildErr == nil {
			bridgeBin = filepath.Join(binDir, "bridge")
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return bridgeBin
}

// procBridge is cmd/bridge running as its own process, configured from
// jvb.conf and sip-communicator.properties as the Debian unit does.
type procBridge struct {
	nick string
	proc *testenv.Process
}

// startProcBridge writes the bridge's files and starts it in the brewery
// of x; it is stopped (or reaped, if the test killed it) at cleanup.
func startProcBridge(t testing.TB, x *xmppEnv, nick string) *procBridge {
	t.Helper()
	bin := bridgeBinary(t)
	free, err := testenv.FreePorts(3)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "jvb.conf")
	sc := filepath.Join(dir, "videobridge", "sip-communicator.properties")
	if err := os.MkdirAll(filepath.Dir(sc), 0o700); err != nil {
		t.Fatal(err)
	}
	text := jvbConf(x, nick, bridgePorts{udp: free[0], public: free[1], private: free[2]})
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sc, []byte("org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER=true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-log-level=debug")
	cmd.Env = append(os.Environ(), "JVB_CONF="+conf, "JVB_SC_HOME_LOCATION="+dir, "JVB_SC_HOME_NAME=videobridge")
	p, err := testenv.StartProcess(nick, filepath.Join(dir, "bridge.log"), cmd)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(p.PID(), syscall.SIGCONT) // in case the test stopped it
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = p.Stop(ctx)
		if t.Failed() || os.Getenv("INTEGRATION_LOG") != "" {
			b, _ := os.ReadFile(p.LogPath)
			if len(b) > 20000 {
				b = b[len(b)-20000:]
			}
			t.Logf("%s (pid %d) log (tail):\n%s", nick, p.PID(), b)
		}
	})
	return &procBridge{nick: nick, proc: p}
}

// signal sends sig to the bridge's PID only.
func (pb *procBridge) signal(t testing.TB, sig syscall.Signal) {
	t.Helper()
	pid := pb.proc.PID()
	if err := syscall.Kill(pid, sig); err != nil {
		t.Fatalf("%s: kill -%d %d: %v", pb.nick, sig, pid, err)
	}
	if sig != syscall.SIGSTOP {
		return
	}
	// kill returns before the stop takes effect: wait until the kernel shows
	// the process stopped, so that nothing the test does next reaches a
	// bridge that still runs.
	stat := fmt.Sprintf("/proc/%d/stat", pid)
	for deadline := time.Now().Add(10 * time.Second); ; {
		b, err := os.ReadFile(stat)
		if err != nil {
			t.Fatalf("%s: %v", pb.nick, err)
		}
		// the state follows the parenthesised command name
		if i := bytes.LastIndexByte(b, ')'); i > 0 && len(b) > i+2 && b[i+2] == 'T' {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s (pid %d) not stopped 10 s after SIGSTOP: %s", pb.nick, pid, b)
		}
		runtime.Gosched()
	}
}

// waitRegistered waits until the focus counts the bridge as operational.
func (f *focus) waitRegistered(t testing.TB, ctx context.Context, nicks ...string) {
	t.Helper()
	err := f.svc.WaitFor(ctx, func(*fxmpp.Service) bool {
		for _, n := range nicks {
			if _, ok := f.operational(n); !ok {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("bridges %v never registered with the focus: %v", nicks, err)
	}
}
