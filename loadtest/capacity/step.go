package capacity

import (
	"fmt"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// PerConference is the conference size: two participants, both sending
// audio and video.
const PerConference = 2

// Criteria decide whether a step passes.
type Criteria struct {
	MaxLoss      float64 `json:"max_loss"`        // loss rate over all streams must stay below
	MaxJoinP95Ms float64 `json:"max_join_p95_ms"` // p95 join time must stay below
	// MinBitrate is the share of the video sent to a participant that it
	// must receive on average (senders starved of CPU send less without
	// any sequence gap, so loss alone misses them); 0 disables, and
	// simulcast runs are not checked (the bridge picks the layers).
	MinBitrate float64 `json:"min_bitrate_ratio"`
}

// Row is one step of the ramp: what the load generator saw and what the
// servers cost. CPU is the mean in cores over the measuring window (every
// join ended), RSS the peak over the run.
type Row struct {
	Conferences  int     `json:"conferences"`
	Participants int     `json:"participants"`
	Joined       int     `json:"joined"`
	ReceivingAll int     `json:"receiving_all"`
	JoinP50Ms    float64 `json:"join_p50_ms"`
	JoinP95Ms    float64 `json:"join_p95_ms"`
	LossRate     float64 `json:"loss_rate"`
	// RecvBps is the mean received bitrate per participant over the
	// measuring window (audio and video).
	RecvBps float64 `json:"recv_bps_per_participant"`

	BridgeCPU  float64 `json:"bridge_cpu_cores"`
	FocusCPU   float64 `json:"focus_cpu_cores"`
	XMPPDCPU   float64 `json:"xmppd_cpu_cores"`
	LoadgenCPU float64 `json:"loadgen_cpu_cores"` // the load generator, on the same cores
	BridgeRSS  uint64  `json:"bridge_rss_bytes"`
	FocusRSS   uint64  `json:"focus_rss_bytes"`
	XMPPDRSS   uint64  `json:"xmppd_rss_bytes"`
	// Per participant, bridge + focus: mean CPU / participants, and the
	// RSS growth over the run (peak - first sample) / participants.
	CPUPerParticipant float64 `json:"cpu_per_participant_cores"`
	RSSPerParticipant float64 `json:"rss_per_participant_bytes"`
	// The whole machine over the step (/proc/stat): busy cores of every
	// process, the part not ours (other programs on the box), and the
	// cores the hypervisor stole.
	MachineCPU float64 `json:"machine_cpu_cores"`
	// OursCPU is the mean CPU of the sampled processes (servers and load
	// generator) over the whole run, what OtherCPU is reckoned against.
	OursCPU  float64 `json:"ours_cpu_cores"`
	OtherCPU float64 `json:"other_cpu_cores"`
	StealCPU float64 `json:"steal_cpu_cores"`

	Pass    bool     `json:"pass"`
	Reasons []string `json:"reasons,omitempty"` // why it failed
}

// Judge turns one step's run into a Row. runErr is what Run (or the
// deployment) returned; r may be nil when the run did not happen.
func Judge(conferences int, r *loadtest.Result, runErr error, c Criteria) Row {
	want := conferences * PerConference
	row := Row{Conferences: conferences, Participants: want}
	if runErr != nil {
		row.Reasons = append(row.Reasons, runErr.Error())
	}
	if r == nil {
		if runErr == nil {
			row.Reasons = append(row.Reasons, "no result")
		}
		return row
	}
	s := r.Summary
	row.Joined, row.ReceivingAll = s.Joined, s.ReceivingAll
	row.JoinP50Ms, row.JoinP95Ms, row.LossRate = s.JoinP50Ms, s.JoinP95Ms, s.LossRate
	if s.Participants > 0 {
		row.RecvBps = s.RecvBitrateBps / float64(s.Participants)
	}
	row.costs(s.Procs, windowCPU(r))
	row.Reasons = append(row.Reasons, failures(want, s, c)...)
	row.Reasons = append(row.Reasons, starved(row.RecvBps, r.Config, c)...)
	row.Pass = len(row.Reasons) == 0
	return row
}

// failures lists every criterion s misses.
func failures(want int, s loadtest.Summary, c Criteria) []string {
	var out []string
	if s.Participants != want {
		out = append(out, fmt.Sprintf("%d participants run, want %d", s.Participants, want))
	}
	if s.Joined < want {
		out = append(out, fmt.Sprintf("%d/%d joined", s.Joined, want))
	}
	if s.ReceivingAll < want {
		out = append(out, fmt.Sprintf("%d/%d received from both senders", s.ReceivingAll, want))
	}
	if s.LossRate < 0 || s.LossRate >= c.MaxLoss {
		out = append(out, fmt.Sprintf("loss %.2f %% (limit %.2f %%)", 100*s.LossRate, 100*c.MaxLoss))
	}
	if s.JoinP95Ms < 0 || s.JoinP95Ms >= c.MaxJoinP95Ms {
		out = append(out, fmt.Sprintf("join p95 %.0f ms (limit %.0f ms)", s.JoinP95Ms, c.MaxJoinP95Ms))
	}
	return out
}

// starved reports a mean received bitrate below c.MinBitrate of the
// video each participant is sent: every other video sender's bitrate.
func starved(recvBps float64, rc loadtest.RunConfig, c Criteria) []string {
	if c.MinBitrate <= 0 || rc.Simulcast || rc.VideoSenders < 2 {
		return nil
	}
	sent := float64((rc.VideoSenders - 1) * rc.VideoBitrate)
	if recvBps >= c.MinBitrate*sent {
		return nil
	}
	return []string{fmt.Sprintf("received %.0f kbit/s per participant, %.0f %% of the %.0f kbit/s of video sent to each (limit %.0f %%)",
		recvBps/1000, 100*recvBps/sent, sent/1000, 100*c.MinBitrate)}
}

// costs fills the per-process columns from the run's process summaries,
// with the CPU of the measuring window where there is one.
func (row *Row) costs(procs []loadtest.ProcSummary, window map[string]float64) {
	var rssGrowth float64
	for _, p := range procs {
		row.OursCPU += p.CPUMean
		cpu, ok := window[p.Name]
		if !ok {
			cpu = p.CPUMean
		}
		switch p.Name {
		case BinBridge:
			row.BridgeCPU, row.BridgeRSS = cpu, p.RSSPeakBytes
			rssGrowth += p.RSSPerParticipantB
		case BinFocus:
			row.FocusCPU, row.FocusRSS = cpu, p.RSSPeakBytes
			rssGrowth += p.RSSPerParticipantB
		case BinXMPPD:
			row.XMPPDCPU, row.XMPPDRSS = cpu, p.RSSPeakBytes
		case LoadgenProc:
			row.LoadgenCPU = cpu
		}
	}
	if row.Participants > 0 {
		row.CPUPerParticipant = (row.BridgeCPU + row.FocusCPU) / float64(row.Participants)
	}
	row.RSSPerParticipant = rssGrowth
}

// windowCPU is each process's mean CPU over the measuring window (the
// last Config.DurationS seconds of the run, when every join has ended):
// the steady state, without the join ramp. Empty when no sample fell in
// it.
func windowCPU(r *loadtest.Result) map[string]float64 {
	from := r.Duration - r.Config.DurationS
	sum, n := map[string]float64{}, map[string]int{}
	for _, s := range r.Samples {
		if s.T < from || r.Config.DurationS <= 0 {
			continue
		}
		for _, p := range s.Procs {
			sum[p.Name] += p.CPU
			n[p.Name]++
		}
	}
	for name := range sum {
		sum[name] /= float64(n[name])
	}
	return sum
}

// Capacity is the largest passing step of an increasing ramp that stops
// at its first failure: the last row if it passed, else the one before;
// ok is false when no step passed.
func Capacity(rows []Row) (Row, bool) {
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Pass {
			return rows[i], true
		}
	}
	return Row{}, false
}
