package e2e

import (
	"os"
	"path/filepath"
	"sync"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
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
	return testenv.BuildCommands("./cmd/focus", "./cmd/bridge")
}
