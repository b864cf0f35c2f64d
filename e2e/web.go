package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// vendorFiles are what e2e/fetch-deps.sh puts into web/vendor.
var vendorFiles = []string{"jquery.min.js", "lib-jitsi-meet.min.js"}

// WebDir is the directory of the test page (e2e/web in the source tree).
func WebDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "web")
}

// ServeWeb serves the test page on 127.0.0.1 until cleanup. It fails the test
// if the pinned vendor files have not been fetched.
func ServeWeb(t testing.TB) *httptest.Server {
	t.Helper()
	dir := WebDir()
	for _, f := range vendorFiles {
		if _, err := os.Stat(filepath.Join(dir, "vendor", f)); err != nil {
			t.Fatalf("e2e: %s missing: run `bash e2e/fetch-deps.sh` first", filepath.Join(dir, "vendor", f))
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv
}
