package server

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

var (
	connMemN        = flag.Int("connmem.n", 200, "TestConnMemory: c2s connections to open")
	connMemParallel = flag.Int("connmem.parallel", 16, "TestConnMemory: clients joining at a time (loadtest/mucbench's default)")
	connMemProfile  = flag.String("connmem.profile", "", "TestConnMemory: write a heap profile (every allocation sampled) here while the connections are open")
)

func TestMain(m *testing.M) {
	if spec := os.Getenv(connMemChild); spec != "" {
		if err := runConnMemChild(spec); err != nil {
			fmt.Fprintln(os.Stderr, "connmem child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// connMem is what the server holds per open, bound c2s connection joined
// to one MUC room, all queues drained.
type connMem struct {
	n                   int
	heapPerConn         float64 // live heap bytes after GC
	stackPerConn        float64 // goroutine stack bytes
	goroutinesPerConn   float64
	heapObjectsPerConn  float64
	heapBefore, heapNow uint64
	// rssPerConn is the process's anonymous RSS growth (Linux only, else
	// 0); sysPerConn the runtime's Sys growth, of which heapSysPerConn is
	// heap spans (touched, not yet scavenged).
	rssPerConn, sysPerConn, heapSysPerConn float64
}

func (m connMem) String() string {
	return fmt.Sprintf("%d conns: heap %.0f B/conn (%.1f objects), stacks %.0f B/conn, %.2f goroutines/conn (heap %d -> %d); "+
		"anon RSS %.0f B/conn, runtime Sys %.0f B/conn (heap spans %.0f)",
		m.n, m.heapPerConn, m.heapObjectsPerConn, m.stackPerConn, m.goroutinesPerConn, m.heapBefore, m.heapNow,
		m.rssPerConn, m.sysPerConn, m.heapSysPerConn)
}

// anonRSS reads RssAnon from /proc/self/status (0 where there is none).
func anonRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "RssAnon:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb * 1024
		}
	}
	return 0
}

func memSnapshot() (runtime.MemStats, int) {
	for range 12 {
		runtime.GC()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms, runtime.NumGoroutine()
}

// measureConns starts a server, lets a child process open n anonymous c2s
// connections joined to one room, and measures the server's growth.
func measureConns(t *testing.T, n int, profile string) connMem {
	cfg := xconfig.Default(domain)
	cfg.DataDir = t.TempDir()
	cfg.C2S, cfg.Components, cfg.HTTP, cfg.Admin = "127.0.0.1:0", "", "", ""
	cfg.MUCs[0].RestrictCreation, cfg.MUCs[0].MeetingID = false, false
	cfg.Limits.RateBytes, cfg.Limits.RateBurst = 1<<30, 1<<30
	if profile != "" {
		runtime.MemProfileRate = 1
		defer func() { runtime.MemProfileRate = 512 * 1024 }()
	}
	// The text handler as cmd/xmppd has it: scoped loggers cost memory.
	s, err := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
	}()
	before, g0 := memSnapshot()
	rss0 := anonRSS()
	stop := startConnMemChild(t, fmt.Sprintf("%s %s %s %d %d", s.Addrs().C2S, domain, "mem@conference."+domain, n, *connMemParallel))
	defer stop()
	if got := s.mucs[0].Occupants.Load(); got != int64(n) {
		t.Fatalf("occupants %d, want %d", got, n)
	}
	rss1 := anonRSS() // before the GCs of the snapshot, as a benchmark reads it
	after, g1 := memSnapshot()
	if profile != "" {
		writeHeapProfile(t, profile)
	}
	per := func(a, b uint64) float64 { return (float64(b) - float64(a)) / float64(n) }
	return connMem{n: n, heapPerConn: per(before.HeapAlloc, after.HeapAlloc),
		stackPerConn:       per(before.StackInuse, after.StackInuse),
		goroutinesPerConn:  float64(g1-g0) / float64(n),
		heapObjectsPerConn: per(before.HeapObjects, after.HeapObjects),
		heapBefore:         before.HeapAlloc, heapNow: after.HeapAlloc,
		rssPerConn:     (rss1 - rss0) / float64(n),
		sysPerConn:     per(before.Sys, after.Sys),
		heapSysPerConn: per(before.HeapSys-before.HeapReleased, after.HeapSys-after.HeapReleased)}
}

// startConnMemChild runs the client child and waits for its "ready"; the
// returned func closes its stdin and waits for it to exit.
func startConnMemChild(t *testing.T, spec string) func() {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), connMemChild+"="+spec)
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := func() { _ = stdin.Close(); _ = cmd.Wait() }
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		stop()
		t.Fatalf("client child: %q, %v", line, err)
	}
	return stop
}

func writeHeapProfile(t *testing.T, path string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		t.Fatal(err)
	}
}

// connMemBudget is the live heap a joined, idle c2s connection may hold
// (5.5-6 KiB measured: session, reader, XML decoder, queue, router and
// MUC entries); it was 150 KiB with a preallocated 4096-entry queue.
const connMemBudget = 8 << 10

// TestConnMemory opens -connmem.n real c2s connections (loopback, SASL
// ANONYMOUS, bound, joined to one room, every presence delivered) and
// reports what the server holds per connection. It asserts that an idle
// connection keeps only its reader goroutine (the writer runs while there
// is output) and, without the race detector (which inflates every
// allocation), the heap budget.
func TestConnMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("opens hundreds of connections")
	}
	m := measureConns(t, *connMemN, *connMemProfile)
	t.Log(m)
	if m.goroutinesPerConn > 1.05 {
		t.Errorf("%.2f goroutines per idle connection, want 1 (the reader)", m.goroutinesPerConn)
	}
	if !raceEnabled && m.heapPerConn > connMemBudget {
		t.Errorf("heap %.0f B per connection, budget %d", m.heapPerConn, connMemBudget)
	}
}
