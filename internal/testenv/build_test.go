package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

func TestModuleRoot(t *testing.T) {
	root, err := ModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "testenv", "build.go")); err != nil {
		t.Errorf("root %s does not hold this package: %v", root, err)
	}
	if _, err := ModuleRoot(t.TempDir()); err == nil {
		t.Error("a temporary directory has no module root")
	}
}

func TestBuildCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	dir, err := BuildCommands("./cmd/demo")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if fi, err := os.Stat(filepath.Join(dir, "demo")); err != nil || fi.Mode()&0o111 == 0 {
		t.Errorf("no executable demo in %s: %v", dir, err)
	}
	if _, err := BuildCommands("./cmd/no-such-command"); err == nil {
		t.Error("building a missing package succeeded")
	}
}
