package loadtest

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// leaveTimeout bounds everyone's leaving at the end of a run, which
// happens even when the run's context has ended.
const leaveTimeout = 10 * time.Second

// Run joins o.Conferences×o.PerConference participants at o.JoinRate, each
// join bounded by o.JoinTimeout; once every join has ended (joined or
// failed) it measures for o.Duration, then everyone leaves. It samples once
// a second throughout and returns the Result. A participant that fails to
// join is recorded with its error and the run goes on; a run whose ctx ends
// early still makes everyone leave and returns what it measured along with
// ctx's error. Invalid options are ErrOptions.
func Run(ctx context.Context, o Options) (*Result, error) {
	o = o.withDefaults()
	if err := o.Validate(); err != nil {
		return nil, err
	}
	r := &runner{o: o, members: plan(o), names: map[uint32]string{}}
	for _, m := range r.members {
		r.names[m.sender] = m.endpoint
	}
	return r.run(ctx)
}

// runner is one run in progress.
type runner struct {
	o       Options
	members []*member
	names   map[uint32]string // trailer sender ID → endpoint
	started time.Time
	joins   sync.WaitGroup
	cuts    sync.WaitGroup
}

func (r *runner) run(ctx context.Context) (*Result, error) {
	r.started = time.Now()
	res := &Result{Started: r.started, Config: runConfig(r.o), Machine: machine()}
	life, endLife := context.WithCancel(context.WithoutCancel(ctx))
	defer endLife()
	sctx, stopSampling := context.WithCancel(ctx)
	smp := newSampler(r.o, r.members, r.started)
	var sampling sync.WaitGroup
	sampling.Go(func() { smp.run(sctx) })
	cutsEnd := make(chan struct{})

	r.startAll(ctx, life, cutsEnd)
	r.joins.Wait()
	base, winStart := r.snapshots(), time.Now()
	wait := time.NewTimer(r.o.Duration)
	select {
	case <-wait.C:
	case <-ctx.Done():
		wait.Stop()
	}
	end, winEnd := r.snapshots(), time.Now()
	stopSampling()
	sampling.Wait()
	close(cutsEnd)
	r.cuts.Wait()

	receivingAll := 0
	for i, m := range r.members {
		res.Participants = append(res.Participants, participantResult(m, base[i], end[i], winEnd.Sub(winStart), r.names))
		if receivesAll(m.expect, received(base[i]), received(end[i])) {
			receivingAll++
		}
		res.Cuts = append(res.Cuts, m.cutResults...)
	}
	res.Samples, res.Errors = smp.samples, smp.errs
	for _, m := range r.members {
		for _, err := range m.jingleErrors() {
			if len(res.Errors) < 2*maxNotes {
				res.Errors = append(res.Errors, fmt.Sprintf("%s: %v", m.endpoint, err))
			}
		}
	}
	res.Errors = append(res.Errors, r.leaveAll(ctx)...)
	res.Duration = winEnd.Sub(r.started).Seconds()
	res.Summary = Summarize(res.Participants, res.Samples, receivingAll)
	if r.o.Progress != nil {
		fmt.Fprintln(r.o.Progress)
	}
	if ctx.Err() != nil {
		return res, fmt.Errorf("loadtest: run interrupted: %w", ctx.Err())
	}
	return res, nil
}

// startAll starts one join per tick of the join rate, and each joined
// member's cuts; it stops starting when ctx ends (the members not started
// get an error).
func (r *runner) startAll(ctx, life context.Context, cutsEnd <-chan struct{}) {
	tick := time.NewTicker(time.Duration(float64(time.Second) / r.o.JoinRate))
	defer tick.Stop()
	for i, m := range r.members {
		if i > 0 {
			select {
			case <-tick.C:
			case <-ctx.Done():
				for _, rest := range r.members[i:] {
					rest.setErr(fmt.Errorf("not started: %w", ctx.Err()))
				}
				return
			}
		}
		r.joins.Go(func() {
			m.join(ctx, life, r.o)
			if len(m.cuts) > 0 {
				r.cuts.Go(func() { r.applyCuts(m, cutsEnd) })
			}
		})
	}
}

// snapshots reads every member's receive statistics.
func (r *runner) snapshots() []snapshot {
	out := make([]snapshot, len(r.members))
	for i, m := range r.members {
		out[i] = take(m)
	}
	return out
}

// leaveAll makes every member leave at once, within leaveTimeout, and
// returns the failures.
func (r *runner) leaveAll(ctx context.Context) []string {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), leaveTimeout)
	defer cancel()
	errs := make([]error, len(r.members))
	var wg sync.WaitGroup
	for i, m := range r.members {
		wg.Go(func() { errs[i] = m.leave(lctx) })
	}
	wg.Wait()
	var out []string
	for i, err := range errs {
		if err != nil {
			out = append(out, fmt.Sprintf("%s: leave: %v", r.members[i].endpoint, err))
		}
	}
	return out
}

// runConfig is the RunConfig of the options.
func runConfig(o Options) RunConfig {
	return RunConfig{Target: o.Target, Transport: o.Transport, Domain: o.Domain, Conferences: o.Conferences,
		PerConference: o.PerConference, AudioSenders: o.AudioSenders, VideoSenders: o.VideoSenders,
		VideoBitrate: o.VideoBitrate, Simulcast: o.Simulcast, JoinRate: o.JoinRate, DurationS: o.Duration.Seconds(),
		BridgeStats: o.BridgeStats, FocusStats: o.FocusStats, PIDs: o.Procs}
}
