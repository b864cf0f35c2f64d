package capacity

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// LoadgenProc names the load generator (this process) among the sampled
// processes: it runs on the same cores as the servers.
const LoadgenProc = "loadgen"

// stepSlack is added to a step's expected length for its safety timeout.
const stepSlack = 60 * time.Second

// RunFunc runs one load test; loadtest.Run in production.
type RunFunc func(context.Context, loadtest.Options) (*loadtest.Result, error)

// StartFunc starts a deployment in a fresh directory; the returned
// cleanup stops it and removes what Config.Keep does not keep.
type StartFunc func(ctx context.Context) (*Deployment, func(), error)

// Ramp runs the steps of a capacity search.
type Ramp struct {
	Config Config
	Run    RunFunc
	Start  StartFunc
	// Log receives one progress line per step and the runs' live
	// progress (nil for none).
	Log io.Writer
	// Results, if not nil, is told every step's result (-out files).
	Results func(conferences int, r *loadtest.Result) error
}

// Steps runs the steps in order until one fails, the last one ran or ctx
// ends. It returns a row for every step run; the error is a deployment
// that would not start or ctx's end (a step cut short by it fails).
func (rp *Ramp) Steps(ctx context.Context) ([]Row, error) {
	var (
		d    *Deployment
		stop = func() {}
		rows []Row
	)
	defer func() { stop() }()
	for _, c := range rp.Config.Steps {
		if err := ctx.Err(); err != nil {
			return rows, err
		}
		if d == nil || rp.Config.Fresh {
			stop()
			d, stop = nil, func() {}
			nd, nstop, err := rp.Start(ctx)
			if err != nil {
				return rows, err
			}
			d, stop = nd, nstop
		}
		row, died := rp.step(ctx, d, c)
		rows = append(rows, row)
		rp.logf("step %d conferences: %s\n", c, verdict(row))
		if !row.Pass {
			break
		}
		if died {
			stop()
			d, stop = nil, func() {}
		}
	}
	return rows, ctx.Err()
}

// step runs one step on d; died says a server process exited.
func (rp *Ramp) step(ctx context.Context, d *Deployment, conferences int) (Row, bool) {
	o := rp.options(d, conferences)
	sctx, cancel := context.WithTimeout(ctx, stepTimeout(o))
	defer cancel()
	rp.logf("step %d conferences (%d participants)\n", conferences, conferences*PerConference)
	m0, err0 := readMachineCPU(time.Now())
	r, err := rp.Run(sctx, o)
	m1, err1 := readMachineCPU(time.Now())
	aerr := d.Alive()
	err = errors.Join(err, aerr)
	if rp.Results != nil && r != nil {
		if werr := rp.Results(conferences, r); werr != nil {
			rp.logf("step %d: %v\n", conferences, werr)
		}
	}
	row := Judge(conferences, r, err, rp.Config.Criteria)
	row.machineLoad(m0, m1, err0, err1)
	return row, aerr != nil
}

// options is one step's run: every participant sends audio and video.
func (rp *Ramp) options(d *Deployment, conferences int) loadtest.Options {
	c := rp.Config
	return loadtest.Options{
		Target: target(d, c.Transport), Transport: c.Transport, Domain: d.Domain,
		RoomPrefix:  fmt.Sprintf("capacity%d-", conferences),
		Conferences: conferences, PerConference: PerConference,
		AudioSenders: PerConference, VideoSenders: PerConference,
		VideoBitrate: c.BitrateBps, Simulcast: c.Simulcast,
		JoinRate: c.JoinRate, JoinTimeout: c.JoinTimeout, Duration: c.Duration,
		BridgeStats: d.BridgeStats, FocusStats: d.FocusStats,
		Procs:    append(d.Procs(), loadtest.Proc{Name: LoadgenProc, PID: os.Getpid()}),
		Progress: rp.Log,
	}
}

// target is the participants' address for the transport.
func target(d *Deployment, transport string) string {
	switch transport {
	case loadtest.TransportBOSH:
		return d.BOSHURL
	case loadtest.TransportC2S:
		return d.C2S
	}
	return d.WebSocketURL
}

// stepTimeout bounds one run: every join, the measuring and some slack.
func stepTimeout(o loadtest.Options) time.Duration {
	joins := time.Duration(float64(o.Conferences*o.PerConference) / o.JoinRate * float64(time.Second))
	return joins + o.JoinTimeout + o.Duration + stepSlack
}

func verdict(r Row) string {
	if r.Pass {
		return fmt.Sprintf("pass (join p95 %.0f ms, loss %.2f %%)", r.JoinP95Ms, 100*r.LossRate)
	}
	return fmt.Sprintf("FAIL: %v", r.Reasons)
}

func (rp *Ramp) logf(format string, args ...any) {
	if rp.Log != nil {
		fmt.Fprintf(rp.Log, format, args...)
	}
}
