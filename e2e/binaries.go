package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
)

// The daemons under test are built once per test binary from this source
// tree, exactly as a deployment builds them (go build ./cmd/...), and run
// as separate processes.
var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// Binaries are the paths of the built focus and bridge commands.
type Binaries struct {
	Focus, Bridge string
}

// DaemonBinaries builds cmd/focus and cmd/bridge into a temporary
// directory the first time it is called and returns their paths. The
// directory is removed by RemoveDaemonBinaries (TestMain).
func DaemonBinaries() (Binaries, error) {
	buildOnce.Do(func() { binDir, buildErr = buildDaemons() })
	if buildErr != nil {
		return Binaries{}, buildErr
	}
	return Binaries{Focus: filepath.Join(binDir, "focus"), Bridge: filepath.Join(binDir, "bridge")}, nil
}

// RemoveDaemonBinaries deletes what DaemonBinaries built, if anything.
func RemoveDaemonBinaries() {
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
}

func buildDaemons() (string, error) {
	dir, err := os.MkdirTemp("", "jitsi-go-e2e-bin-")
	if err != nil {
		return "", fmt.Errorf("e2e: build dir: %w", err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(goTool, "build", "-o", dir+string(filepath.Separator), "./cmd/focus", "./cmd/bridge")
	cmd.Dir = filepath.Dir(filepath.Dir(WebDir())) // the module root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=-mod=readonly")
	if out, err := cmd.CombinedOutput(); err != nil {
		_ = os.RemoveAll(dir)
		return "", fmt.Errorf("e2e: go build ./cmd/focus ./cmd/bridge: %w\n%s", err, out)
	}
	return dir, nil
}
