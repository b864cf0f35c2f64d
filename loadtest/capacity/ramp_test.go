package capacity

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// scripted is a RunFunc that answers each step from a table of summaries
// (participants scaled to the step) and records the options it got.
type scripted struct {
	loss  map[int]float64 // conferences → loss rate; others 0
	calls []loadtest.Options
}

func (s *scripted) run(_ context.Context, o loadtest.Options) (*loadtest.Result, error) {
	s.calls = append(s.calls, o)
	n := o.Conferences * o.PerConference
	return &loadtest.Result{Config: loadtest.RunConfig{VideoSenders: o.VideoSenders, VideoBitrate: o.VideoBitrate},
		Summary: loadtest.Summary{Participants: n, Joined: n, ReceivingAll: n, JoinP50Ms: 100, JoinP95Ms: 300,
			LossRate: s.loss[o.Conferences], RecvBitrateBps: float64(n) * 1.08 * float64(o.VideoBitrate)}}, nil
}

// fakeStarts hands out empty deployments (no processes) and counts
// starts and stops.
type fakeStarts struct {
	started, stopped int
	failAt           int // start number that fails (1-based), 0 never
}

func (f *fakeStarts) start(context.Context) (*Deployment, func(), error) {
	f.started++
	if f.started == f.failAt {
		return nil, nil, ErrDeploy
	}
	d := &Deployment{Domain: Domain, WebSocketURL: "ws://127.0.0.1:1/xmpp-websocket",
		BridgeStats: "http://127.0.0.1:2/colibri/stats", FocusStats: "http://127.0.0.1:3/stats"}
	return d, func() { f.stopped++ }, nil
}

func rampConfig(fresh bool, steps ...int) Config {
	return Config{Steps: steps, Fresh: fresh, Transport: loadtest.TransportWebSocket, BitrateBps: 500_000,
		JoinRate: 10, Duration: 5 * time.Second, JoinTimeout: 10 * time.Second, Criteria: criteria}
}

func TestRampStopsAtFirstFailure(t *testing.T) {
	tests := []struct {
		name      string
		fresh     bool
		loss      map[int]float64
		failStart int
		wantRun   []int
		wantPass  []bool
		wantErr   error
		starts    int
	}{
		{"all pass, fresh", true, nil, 0, []int{1, 2, 4}, []bool{true, true, true}, nil, 3},
		{"all pass, one deployment", false, nil, 0, []int{1, 2, 4}, []bool{true, true, true}, nil, 1},
		{"stops at loss", true, map[int]float64{2: 0.05}, 0, []int{1, 2}, []bool{true, false}, nil, 2},
		{"first fails", false, map[int]float64{1: 0.5}, 0, []int{1}, []bool{false}, nil, 1},
		{"deployment fails", true, nil, 2, []int{1}, []bool{true}, ErrDeploy, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &scripted{loss: tc.loss}
			f := &fakeStarts{failAt: tc.failStart}
			var saved []int
			rp := &Ramp{Config: rampConfig(tc.fresh, 1, 2, 4), Run: s.run, Start: f.start,
				Results: func(c int, _ *loadtest.Result) error { saved = append(saved, c); return nil }}
			rows, err := rp.Steps(context.Background())
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			var ran []int
			var pass []bool
			for _, r := range rows {
				ran, pass = append(ran, r.Conferences), append(pass, r.Pass)
			}
			if !slices.Equal(ran, tc.wantRun) || !slices.Equal(pass, tc.wantPass) || !slices.Equal(saved, tc.wantRun) {
				t.Errorf("ran %v pass %v saved %v; want %v %v", ran, pass, saved, tc.wantRun, tc.wantPass)
			}
			if f.started != tc.starts || f.stopped != f.started-min(tc.failStart, 1) {
				t.Errorf("%d starts, %d stops; want %d starts, each stopped", f.started, f.stopped, tc.starts)
			}
		})
	}
}

// TestRampCanceled: a ramp whose context ends in a step fails that step,
// runs no other and returns the context's error.
func TestRampCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	f := &fakeStarts{}
	run := func(ctx context.Context, o loadtest.Options) (*loadtest.Result, error) {
		cancel()
		r, _ := (&scripted{}).run(ctx, o)
		return r, ctx.Err()
	}
	rp := &Ramp{Config: rampConfig(true, 1, 2), Run: run, Start: f.start}
	rows, err := rp.Steps(ctx)
	if !errors.Is(err, context.Canceled) || len(rows) != 1 || rows[0].Pass || f.started != 1 || f.stopped != 1 {
		t.Fatalf("rows %+v err %v, %d starts %d stops", rows, err, f.started, f.stopped)
	}
}

// TestRampOptions: every step asks for 2-participant conferences where
// both send audio and video, samples the deployment's three processes
// and the load generator, and reads both stats endpoints.
func TestRampOptions(t *testing.T) {
	s := &scripted{}
	f := &fakeStarts{}
	cfg := rampConfig(true, 3)
	cfg.Simulcast = true
	rp := &Ramp{Config: cfg, Run: s.run, Start: f.start}
	if _, err := rp.Steps(context.Background()); err != nil {
		t.Fatal(err)
	}
	o := s.calls[0]
	if o.Conferences != 3 || o.PerConference != 2 || o.AudioSenders != 2 || o.VideoSenders != 2 ||
		o.VideoBitrate != 500_000 || !o.Simulcast || o.JoinRate != 10 || o.Duration != 5*time.Second {
		t.Errorf("options %+v", o)
	}
	if o.Target != "ws://127.0.0.1:1/xmpp-websocket" || o.Domain != Domain || o.BridgeStats == "" || o.FocusStats == "" {
		t.Errorf("target/stats %+v", o)
	}
	if len(o.Procs) != 1 || o.Procs[0] != (loadtest.Proc{Name: LoadgenProc, PID: os.Getpid()}) {
		t.Errorf("procs %+v, want only the load generator (no server processes in a fake deployment)", o.Procs)
	}
	if err := o.Validate(); err != nil {
		t.Errorf("options rejected by loadtest: %v", err)
	}
}

// TestRampServerDies: a server that exits during a step fails it with
// ErrDied naming the process, and the ramp stops.
func TestRampServerDies(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	bin := binaries(t)
	var d *Deployment
	start := func(ctx context.Context) (*Deployment, func(), error) {
		var err error
		if d, err = Start(ctx, bin, t.TempDir()); err != nil {
			return nil, nil, err
		}
		return d, func() { _ = d.Stop(context.Background()) }, nil
	}
	// The step kills the bridge and returns once it has been reaped.
	kill := func(ctx context.Context, o loadtest.Options) (*loadtest.Result, error) {
		for _, p := range d.procs {
			if p.Name != BinBridge {
				continue
			}
			if err := syscall.Kill(p.PID(), syscall.SIGKILL); err != nil {
				return nil, err
			}
			select {
			case <-p.Done():
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		return (&scripted{}).run(ctx, o)
	}
	rp := &Ramp{Config: rampConfig(false, 1, 2), Run: kill, Start: start}
	rows, err := rp.Steps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rows[0].Reasons, ";")
	if len(rows) != 1 || rows[0].Pass || !strings.Contains(got, "bridge") || !strings.Contains(got, ErrDied.Error()) {
		t.Fatalf("rows %+v, want one failed step naming the bridge", rows)
	}
}
