package capacity

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// SharedCoresNote is printed with every table.
const SharedCoresNote = "the load generator (loadgen column) runs in this process on the same cores as the three servers"

// Table is the outcome of a capacity search.
type Table struct {
	Config  Config
	Machine loadtest.Machine
	Rows    []Row
}

// Report is the JSON form of a Table (-json).
type Report struct {
	Machine     loadtest.Machine `json:"machine"`
	Transport   string           `json:"transport"`
	BitrateBps  int              `json:"video_bitrate_bps"`
	Simulcast   bool             `json:"simulcast"`
	JoinRate    float64          `json:"join_rate_per_s"`
	DurationS   float64          `json:"duration_s"`
	Criteria    Criteria         `json:"criteria"`
	Rows        []Row            `json:"rows"`
	Capacity    int              `json:"capacity_conferences"` // 0 when no step passed
	SharedCores string           `json:"note"`
}

// JSON is the table as a Report.
func (t Table) JSON() Report {
	best, _ := Capacity(t.Rows)
	return Report{Machine: t.Machine, Transport: t.Config.Transport, BitrateBps: t.Config.BitrateBps,
		Simulcast: t.Config.Simulcast, JoinRate: t.Config.JoinRate, DurationS: t.Config.Duration.Seconds(),
		Criteria: t.Config.Criteria, Rows: t.Rows, Capacity: best.Conferences, SharedCores: SharedCoresNote}
}

// Write prints the conditions, one line per step, the failures and the
// capacity found.
func (t Table) Write(w io.Writer) error {
	c := t.Config
	var b strings.Builder
	fmt.Fprintf(&b, "capacity: conferences of %d participants, each sending audio and video at %d kbit/s (simulcast %v), %s, joining at %g/s, %v measured per step\n",
		PerConference, c.BitrateBps/1000, c.Simulcast, c.Transport, c.JoinRate, c.Duration)
	fmt.Fprintf(&b, "a step passes when every participant joined and received both senders, loss < %.2f %%, join p95 < %.0f ms%s\n",
		100*c.Criteria.MaxLoss, c.Criteria.MaxJoinP95Ms, bitrateRule(c))
	fmt.Fprintf(&b, "machine: %s; note: %s\n\n", machineLine(t.Machine), SharedCoresNote)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "conf\tpart\tjoined\trecv-all\tjoin p50\tjoin p95\tloss\trecv/part\tbridge CPU\tfocus CPU\txmppd CPU\tloadgen CPU\tother CPU\tsteal\tbridge RSS\tfocus RSS\txmppd RSS\tCPU/part\tRSS+/part\tresult\t")
	for _, r := range t.Rows {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%s\t%s\t%.2f %%\t%.0f kbit/s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t%s\t%s\t%.2f m\t%s\t%s\t\n",
			r.Conferences, r.Participants, r.Joined, r.ReceivingAll, ms(r.JoinP50Ms), ms(r.JoinP95Ms),
			100*r.LossRate, r.RecvBps/1000, r.BridgeCPU, r.FocusCPU, r.XMPPDCPU, r.LoadgenCPU, r.OtherCPU, r.StealCPU,
			mib(float64(r.BridgeRSS)), mib(float64(r.FocusRSS)), mib(float64(r.XMPPDRSS)),
			1000*r.CPUPerParticipant, kib(r.RSSPerParticipant), passFail(r.Pass))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	b.WriteString("(CPU in cores, mean over the measuring window (after the joins); other = the rest of the machine's busy CPU over the\n" +
		" whole step (other programs), steal = taken by the hypervisor; RSS peak; per participant = bridge + focus: mean CPU in millicores, RSS+ = RSS growth over the step)\n")
	for _, r := range t.Rows {
		if !r.Pass {
			fmt.Fprintf(&b, "step %d failed: %s\n", r.Conferences, strings.Join(r.Reasons, "; "))
		}
	}
	b.WriteString(capacityLine(t.Rows))
	_, err := io.WriteString(w, b.String())
	return err
}

// bitrateRule states the bitrate criterion, if any.
func bitrateRule(c Config) string {
	if c.Criteria.MinBitrate <= 0 || c.Simulcast {
		return ""
	}
	return fmt.Sprintf(", each receiving >= %.0f %% of the video sent to it", 100*c.Criteria.MinBitrate)
}

// capacityLine states the largest passing step.
func capacityLine(rows []Row) string {
	best, ok := Capacity(rows)
	switch {
	case !ok:
		return "capacity: no step passed\n"
	case best.Conferences == rows[len(rows)-1].Conferences:
		return fmt.Sprintf("capacity: at least %d conferences (%d participants; the largest step tried passed); bridge+focus %.2f millicores and %s per participant\n",
			best.Conferences, best.Participants, 1000*best.CPUPerParticipant, kib(best.RSSPerParticipant))
	}
	return fmt.Sprintf("capacity: %d conferences (%d participants); bridge+focus %.2f millicores and %s per participant\n",
		best.Conferences, best.Participants, 1000*best.CPUPerParticipant, kib(best.RSSPerParticipant))
}

// machineOf is m, or this machine when no run reported one.
func machineOf(m *loadtest.Machine) loadtest.Machine {
	if m != nil {
		return *m
	}
	return loadtest.Machine{CPUs: runtime.NumCPU(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH}
}

func machineLine(m loadtest.Machine) string {
	s := fmt.Sprintf("%d CPUs, %s/%s", m.CPUs, m.GOOS, m.GOARCH)
	if m.CPUModel != "" {
		s += ", " + m.CPUModel
	}
	if m.Kernel != "" {
		s += ", " + m.Kernel
	}
	return s
}

func ms(v float64) string {
	if v < 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f ms", v)
}

func mib(v float64) string { return fmt.Sprintf("%.1f MiB", v/(1<<20)) }
func kib(v float64) string { return fmt.Sprintf("%.0f KiB", v/(1<<10)) }

func passFail(ok bool) string {
	if ok {
		return "pass"
	}
	return "FAIL"
}
