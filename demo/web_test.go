package demo

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWebHandler: the app, the vendor bundles and /config.json are served,
// nothing else of the vendor directory is, and the XMPP endpoints are
// proxied to xmppd.
func TestWebHandler(t *testing.T) {
	vendor := t.TempDir()
	for _, f := range append(VendorFiles, "secret.txt") {
		if err := os.WriteFile(filepath.Join(vendor, f), []byte("// "+f), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	xmppd := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "xmppd "+r.URL.Path)
	}))
	defer xmppd.Close()
	h, err := webHandler("meet.localhost", vendor, strings.TrimPrefix(xmppd.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	tests := []struct {
		path, contains string
		status         int
	}{
		{"/", "<title>jitsi-go demo</title>", 200},
		{"/app.js", "window.demo = demo", 200},
		{"/app.css", ".tile", 200},
		{"/vendor/lib-jitsi-meet.min.js", "// lib-jitsi-meet.min.js", 200},
		{"/vendor/jquery.min.js", "// jquery.min.js", 200},
		{"/vendor/secret.txt", "", 404},
		{"/config.json", `"focus":"focus.meet.localhost"`, 200},
		{"/http-bind", "xmppd /http-bind", 200},
		{"/xmpp-websocket", "xmppd /xmpp-websocket", 200},
	}
	for _, tc := range tests {
		resp, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || !strings.Contains(string(body), tc.contains) {
			t.Errorf("%s: %d %.80q, want %d containing %q", tc.path, resp.StatusCode, body, tc.status, tc.contains)
		}
	}
}

// TestVendorLookup: the root is found from a subdirectory, missing bundles
// are listed, and a failing fetch names the command to run.
func TestVendorLookup(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "cmd", "demo")
	for _, d := range []string{sub, filepath.Join(root, "e2e", "web", "vendor")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, path), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := FindRoot(sub); !errors.Is(err, ErrVendor) {
		t.Errorf("no go.mod: %v", err)
	}
	write("go.mod", "module x\n")
	write("e2e/fetch-deps.sh", "echo offline >&2; exit 1\n")
	got, err := FindRoot(sub)
	if err != nil || got != root {
		t.Fatalf("FindRoot = %q, %v; want %q", got, err, root)
	}
	if m := MissingVendor(VendorDir(root)); len(m) != 2 {
		t.Errorf("missing %v", m)
	}
	err = EnsureVendor(context.Background(), root, io.Discard)
	if !errors.Is(err, ErrVendor) || !strings.Contains(err.Error(), FetchCommand) {
		t.Errorf("failed fetch: %v", err)
	}
	write("e2e/web/vendor/jquery.min.js", "x")
	write("e2e/web/vendor/lib-jitsi-meet.min.js", "x")
	if err := EnsureVendor(context.Background(), root, io.Discard); err != nil {
		t.Errorf("present bundles: %v", err)
	}
}
