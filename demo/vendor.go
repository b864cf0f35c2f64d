package demo

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// VendorFiles are what e2e/fetch-deps.sh puts into e2e/web/vendor: the
// pinned jQuery and lib-jitsi-meet bundles the web app loads.
var VendorFiles = []string{"jquery.min.js", "lib-jitsi-meet.min.js"}

// FetchCommand is what fetches the vendor files, run from the repository root.
const FetchCommand = "bash e2e/fetch-deps.sh"

// FindRoot walks up from dir to the repository root: the directory holding
// go.mod and e2e/fetch-deps.sh.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	for {
		if isFile(filepath.Join(dir, "go.mod")) && isFile(filepath.Join(dir, "e2e", "fetch-deps.sh")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("%w: no repository root (go.mod with e2e/fetch-deps.sh) above the working directory; run from the jitsi-go checkout", ErrVendor)
		}
		dir = parent
	}
}

// VendorDir is e2e/web/vendor under the repository root.
func VendorDir(root string) string { return filepath.Join(root, "e2e", "web", "vendor") }

// MissingVendor lists the vendor files absent from dir.
func MissingVendor(dir string) []string {
	var missing []string
	for _, f := range VendorFiles {
		if !isFile(filepath.Join(dir, f)) {
			missing = append(missing, f)
		}
	}
	return missing
}

// EnsureVendor runs e2e/fetch-deps.sh under root when a vendor file is
// missing, with its output to out. Its error names the command to run by
// hand.
func EnsureVendor(ctx context.Context, root string, out io.Writer) error {
	if len(MissingVendor(VendorDir(root))) == 0 {
		return nil
	}
	cmd := exec.CommandContext(ctx, "bash", filepath.Join("e2e", "fetch-deps.sh"))
	cmd.Dir, cmd.Stdout, cmd.Stderr = root, out, out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%w: %s failed (%w); it needs npm and the npm registry: run `cd %s && %s` and start the demo again",
			ErrVendor, FetchCommand, err, root, FetchCommand)
	}
	if m := MissingVendor(VendorDir(root)); len(m) > 0 {
		return fmt.Errorf("%w: %v still missing after %s", ErrVendor, m, FetchCommand)
	}
	return nil
}

func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
