package integration

import (
	"os"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// TestMain runs the tests inside a private network namespace so that ICE
// only ever sees 127.0.0.1, and removes the bridge binary built for them.
func TestMain(m *testing.M) {
	code := testenv.NetNSMain(m)
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}
