package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// maxRows bounds the per-participant table and the list of run errors.
const maxRows = 200

// field is one labelled value of the header or the summary.
type field struct{ Label, Value string }

// procRow is one server process in the summary.
type procRow struct {
	Name, CPUMean, CPUPeak, RSSPeak, CPUPerPart, RSSPerPart string
}

// partRow is one participant in the per-participant table.
type partRow struct {
	Conference, Endpoint, Joined, Sends                string
	ToSI, ToICE, ToDTLS, ToAudio, ToVideo, Join        string
	Streams, WorstLoss, Jitter, Freezes, Error, Status string
}

// headerFields lists what was asked for and where the run happened.
func headerFields(r *loadtest.Result) []field {
	c, m := r.Config, r.Machine
	f := []field{
		{"When", fmtTime(r.Started)},
		{"Target", c.Target},
		{"Transport", c.Transport},
		{"Domain", c.Domain},
		{"Conferences × participants", fmt.Sprintf("%d × %d = %d",
			c.Conferences, c.PerConference, c.Conferences*c.PerConference)},
		{"Senders per conference", fmt.Sprintf("audio %d, video %d", c.AudioSenders, c.VideoSenders)},
		{"Video bitrate", videoBitrate(c)},
		{"Join rate", fmt.Sprintf("%.1f /s", c.JoinRate)},
		{"Duration", fmt.Sprintf("%s measured (%s asked)", fmtSeconds(r.Duration), fmtSeconds(c.DurationS))},
		{"Machine", machine(m)},
	}
	if c.BridgeStats != "" {
		f = append(f, field{"Bridge stats", c.BridgeStats})
	}
	if c.FocusStats != "" {
		f = append(f, field{"Focus stats", c.FocusStats})
	}
	if len(c.PIDs) > 0 {
		f = append(f, field{"Server processes", procList(c.PIDs)})
	}
	return f
}

func videoBitrate(c loadtest.RunConfig) string {
	s := fmtBps(float64(c.VideoBitrate))
	if c.Simulcast {
		s += ", simulcast"
	}
	return s
}

func machine(m loadtest.Machine) string {
	parts := []string{fmt.Sprintf("%d CPUs", m.CPUs)}
	if m.GOOS != "" || m.GOARCH != "" {
		parts = append(parts, m.GOOS+"/"+m.GOARCH)
	}
	if m.CPUModel != "" {
		parts = append(parts, m.CPUModel)
	}
	if m.Kernel != "" {
		parts = append(parts, "kernel "+m.Kernel)
	}
	return strings.Join(parts, ", ")
}

func procList(ps []loadtest.Proc) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = fmt.Sprintf("%s (pid %d)", p.Name, p.PID)
	}
	return strings.Join(s, ", ")
}

// summaryFields condenses the run's Summary.
func summaryFields(s loadtest.Summary) []field {
	return []field{
		{"Participants", fmt.Sprint(s.Participants)},
		{"Joined", fmt.Sprint(s.Joined)},
		{"Receiving from every sender", fmt.Sprint(s.ReceivingAll)},
		{"Join p50 / p95 / max", fmt.Sprintf("%s / %s / %s",
			fmtMsUnit(s.JoinP50Ms), fmtMsUnit(s.JoinP95Ms), fmtMsUnit(s.JoinMaxMs))},
		{"Loss (all streams)", fmtPct(s.LossRate)},
		{"Jitter p95", fmtMsUnit(s.JitterP95Ms)},
		{"Freezes (video gaps > 500 ms)", fmt.Sprint(s.Freezes)},
		{"Mean received bitrate (all participants)", fmtBps(s.RecvBitrateBps)},
	}
}

// procRows lists each server process of the Summary.
func procRows(ps []loadtest.ProcSummary) []procRow {
	rows := make([]procRow, len(ps))
	for i, p := range ps {
		rows[i] = procRow{
			Name: p.Name, CPUMean: fmtCores(p.CPUMean), CPUPeak: fmtCores(p.CPUPeak),
			RSSPeak: fmtBytes(float64(p.RSSPeakBytes)), CPUPerPart: fmtCores(p.CPUPerParticipant),
			RSSPerPart: fmtBytes(p.RSSPerParticipantB),
		}
	}
	return rows
}

// participantRows returns the table rows in run order, or, for more than
// maxRows participants, the maxRows worst by join time and a note saying so.
func participantRows(ps []loadtest.ParticipantResult) ([]partRow, string) {
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	note := ""
	if len(ps) > maxRows {
		sort.SliceStable(idx, func(a, b int) bool { return worseJoin(ps[idx[a]], ps[idx[b]]) })
		idx = idx[:maxRows]
		note = fmt.Sprintf("Showing the %d worst of %d participants by join time "+
			"(never joined first, then slowest).", maxRows, len(ps))
	}
	rows := make([]partRow, len(idx))
	for i, j := range idx {
		rows[i] = participantRow(ps[j])
	}
	return rows, note
}

// worseJoin orders participants that never joined (or never got media)
// before the others, then by descending join time.
func worseJoin(a, b loadtest.ParticipantResult) bool {
	aj, bj := a.Joined && valid(a.JoinMs), b.Joined && valid(b.JoinMs)
	if aj != bj {
		return !aj
	}
	return aj && a.JoinMs > b.JoinMs
}

// participantRow condenses one participant: its join steps and its
// worst received stream.
func participantRow(p loadtest.ParticipantResult) partRow {
	var loss, jitter, frozenMs float64
	freezes := 0
	for _, s := range p.Streams {
		loss = maxValid(loss, s.LossRate)
		jitter = maxValid(jitter, s.JitterMs)
		freezes += s.Freezes
		frozenMs += s.FrozenMs
	}
	row := partRow{
		Conference: p.Conference, Endpoint: p.Endpoint, Joined: yesNo(p.Joined),
		Sends: sends(p), ToSI: fmtMs(p.ToSessionInitiateMs), ToICE: fmtMs(p.ToICEMs),
		ToDTLS: fmtMs(p.ToDTLSMs), ToAudio: fmtMs(p.ToFirstAudioMs), ToVideo: fmtMs(p.ToFirstVideoMs),
		Join: fmtMs(p.JoinMs), Streams: fmt.Sprint(len(p.Streams)), Error: p.Error,
		WorstLoss: notReached, Jitter: notReached, Freezes: fmt.Sprint(freezes),
	}
	if len(p.Streams) > 0 {
		row.WorstLoss, row.Jitter = fmtPct(loss), fmtMs(jitter)
	}
	if freezes > 0 {
		row.Freezes = fmt.Sprintf("%d (%s ms)", freezes, fmtMs(frozenMs))
	}
	row.Status = status(p, loss, freezes)
	return row
}

// status is the CSS class of a participant row.
func status(p loadtest.ParticipantResult, loss float64, freezes int) string {
	switch {
	case !p.Joined || p.Error != "":
		return "bad"
	case freezes > 0 || loss > 0.01:
		return "warn"
	}
	return ""
}

func maxValid(cur, v float64) float64 {
	if valid(v) && v > cur {
		return v
	}
	return cur
}

func sends(p loadtest.ParticipantResult) string {
	switch {
	case p.SendsAudio && p.SendsVideo:
		return "A+V"
	case p.SendsAudio:
		return "A"
	case p.SendsVideo:
		return "V"
	}
	return "—"
}

// errorList returns at most maxRows run errors and a note when some were
// left out.
func errorList(errs []string) ([]string, string) {
	if len(errs) <= maxRows {
		return errs, ""
	}
	return errs[:maxRows], fmt.Sprintf("Showing the first %d of %d errors.", maxRows, len(errs))
}
