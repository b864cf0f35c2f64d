//go:build e2e

package e2e

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// TestMain runs the e2e tests inside a private network namespace where only
// lo is up (the test binary re-executes itself there).
// The focus and bridge binaries it builds are removed at the end.
func TestMain(m *testing.M) {
	code := testenv.NetNSMain(m)
	RemoveDaemonBinaries()
	os.Exit(code)
}

// scenarioTimeout bounds one scenario from start to end.
const scenarioTimeout = 45 * time.Second

func scenarioCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), scenarioTimeout)
	t.Cleanup(cancel)
	return ctx
}
