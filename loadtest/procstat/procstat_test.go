package procstat

import (
	"os"
	"testing"
	"time"
)

func TestReadSelf(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc:", err)
	}
	before, err := Read(os.Getpid(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// Burn some CPU so the next reading must be larger.
	x := 0
	for d := time.Now().Add(200 * time.Millisecond); time.Now().Before(d); {
		x++
	}
	after, err := Read(os.Getpid(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if after.CPU <= before.CPU {
		t.Errorf("CPU did not grow: %v then %v (x=%d)", before.CPU, after.CPU, x)
	}
	if after.RSSBytes < 1<<20 {
		t.Errorf("RSS %d bytes is implausibly small for a Go test binary", after.RSSBytes)
	}
	if c := Cores(before, after); c <= 0 || c > 64 {
		t.Errorf("cores %v out of range", c)
	}
}

func TestCores(t *testing.T) {
	t0 := time.Unix(100, 0)
	tests := []struct {
		name string
		a, b Reading
		want float64
	}{
		{"one core", Reading{At: t0}, Reading{At: t0.Add(time.Second), CPU: time.Second}, 1},
		{"half", Reading{At: t0, CPU: time.Second}, Reading{At: t0.Add(2 * time.Second), CPU: 2 * time.Second}, 0.5},
		{"no time", Reading{At: t0}, Reading{At: t0, CPU: time.Second}, 0},
	}
	for _, tt := range tests {
		if got := Cores(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: Cores = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMissingPID(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc:", err)
	}
	var tr Tracker
	tr.PID = 1 << 30
	if _, _, err := tr.Sample(time.Now()); err == nil {
		t.Error("no error for a PID that cannot exist")
	}
}
