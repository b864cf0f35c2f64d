package testenv

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestProcessStopByPID(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"exits on SIGTERM", []string{"sleep", "60"}},
		{"ignores SIGTERM", []string{"sh", "-c", "trap '' TERM; sleep 60 & echo ready; wait"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := StartProcess(c.name, filepath.Join(t.TempDir(), "log"), exec.Command(c.args[0], c.args[1:]...))
			if err != nil {
				t.Fatal(err)
			}
			waitLog(t, p.LogPath, c.args[0] == "sh")
			stopCtx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			if err := p.Stop(stopCtx); err != nil {
				t.Fatal(err)
			}
			if !p.Exited() {
				t.Fatal("process not reaped")
			}
			// SIGKILL to the group is asynchronous: poll, bounded.
			deadline := time.Now().Add(2 * time.Second)
			for live := liveInGroup(t, p.PID()); len(live) > 0; live = liveInGroup(t, p.PID()) {
				if time.Now().After(deadline) {
					t.Fatalf("process group %d still has running members %v", p.PID(), live)
				}
				time.Sleep(10 * time.Millisecond) // polling the kernel's process table, not timing the test
			}
		})
	}
}

// waitLog waits, bounded, until the program has printed "ready" (when asked).
func waitLog(t *testing.T, path string, want bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for want {
		if b, _ := os.ReadFile(path); strings.Contains(string(b), "ready") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("program never printed ready")
		}
		time.Sleep(10 * time.Millisecond) // polling an external program's output
	}
}

// liveInGroup lists the PIDs in process group pgid that are not zombies
// (orphaned zombies wait for PID 1, which may never reap them in a container).
func liveInGroup(t *testing.T, pgid int) []int {
	t.Helper()
	ents, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var live []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// Fields after the parenthesised command: state ppid pgrp ...
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if len(f) > 2 && f[0] != "Z" && f[2] == strconv.Itoa(pgid) {
			live = append(live, pid)
		}
	}
	return live
}
