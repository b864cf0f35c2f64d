package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// BuildCommands builds the given commands of this module (e.g.
// "./cmd/xmppd") pure Go (CGO_ENABLED=0), exactly as a deployment builds
// them, into a new temporary directory, and returns that directory; each
// binary is named after its package directory. The caller removes the
// directory. The module root is found from the working directory upward.
func BuildCommands(pkgs ...string) (string, error) {
	root, err := ModuleRoot(".")
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "jitsi-go-bin-")
	if err != nil {
		return "", fmt.Errorf("testenv: build dir: %w", err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	args := append([]string{"build", "-o", dir + string(filepath.Separator)}, pkgs...)
	cmd := exec.Command(goTool, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=-mod=readonly")
	if out, err := cmd.CombinedOutput(); err != nil {
		_ = os.RemoveAll(dir)
		return "", fmt.Errorf("testenv: go build %s: %w\n%s", strings.Join(pkgs, " "), err, out)
	}
	return dir, nil
}

// ModuleRoot returns the nearest directory at or above dir holding go.mod.
func ModuleRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("testenv: module root: %w", err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%w: no go.mod at or above %s", ErrConfig, abs)
		}
	}
}
