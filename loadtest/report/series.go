package report

import (
	"fmt"
	"sort"

	"gonum.org/v1/plot/plotter"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// maxCDFPoints bounds the points of one CDF curve; larger inputs are
// reduced to evenly spaced quantiles.
const maxCDFPoints = 400

// series is one named curve of a chart.
type series struct {
	name string
	pts  plotter.XYs
}

// chart is what one plot shows.
type chart struct {
	title, xLabel, yLabel string
	series                []series
	cdf                   bool      // step curves, y axis [0,1]
	legend                bool      // name the series beside the plot
	marks                 []float64 // x of the network cuts, time charts only
}

// charts returns the six plots of the report, in page order; the time
// charts mark when network cuts were applied.
func charts(r *loadtest.Result) []chart {
	cs := []chart{
		joinCDF(r.Participants),
		bitrateChart(r.Samples),
		sampleChart(r.Samples, "Loss (all streams, per second)", "loss %",
			"loss", func(s loadtest.Sample) float64 { return s.LossRate * 100 }),
		procChart(r.Samples, "Server CPU", "cores",
			func(p loadtest.ProcSample) float64 { return p.CPU }),
		procChart(r.Samples, "Server RSS", "MiB",
			func(p loadtest.ProcSample) float64 { return float64(p.RSSBytes) / (1 << 20) }),
		joinedChart(r.Samples),
	}
	marks := cutTimes(r.Cuts)
	for i := 1; i < len(cs) && len(marks) > 0; i++ {
		cs[i].marks, cs[i].legend = marks, true
	}
	return cs
}

// cutTimes returns when each applied cut happened.
func cutTimes(cuts []loadtest.CutResult) []float64 {
	var ts []float64
	for _, c := range cuts {
		if valid(c.AppliedS) && c.Error == "" {
			ts = append(ts, c.AppliedS)
		}
	}
	return ts
}

// bitrateChart plots the received bitrate in Mbit/s, or Gbit/s when it
// reaches 1 Gbit/s.
func bitrateChart(ss []loadtest.Sample) chart {
	unit, div := "Mbit/s", 1e6
	for _, s := range ss {
		if valid(s.RecvBitrateBps) && s.RecvBitrateBps >= 1e9 {
			unit, div = "Gbit/s", 1e9
		}
	}
	return sampleChart(ss, "Received bitrate (all participants)", unit,
		"received", func(s loadtest.Sample) float64 { return s.RecvBitrateBps / div })
}

// joinCDF is the join latency CDF of joined participants and of each
// join step.
func joinCDF(ps []loadtest.ParticipantResult) chart {
	steps := []struct {
		name string
		get  func(loadtest.ParticipantResult) float64
	}{
		{"join: IQ → first media", func(p loadtest.ParticipantResult) float64 {
			if !p.Joined {
				return -1
			}
			return p.JoinMs
		}},
		{"IQ → session-initiate", func(p loadtest.ParticipantResult) float64 { return p.ToSessionInitiateMs }},
		{"SI → ICE connected", func(p loadtest.ParticipantResult) float64 { return p.ToICEMs }},
		{"SI → DTLS done", func(p loadtest.ParticipantResult) float64 { return p.ToDTLSMs }},
		{"SI → first audio", func(p loadtest.ParticipantResult) float64 { return p.ToFirstAudioMs }},
		{"SI → first video", func(p loadtest.ParticipantResult) float64 { return p.ToFirstVideoMs }},
	}
	c := chart{title: "Join latency CDF", xLabel: "ms", yLabel: "fraction of participants", cdf: true, legend: true}
	for _, st := range steps {
		vals := make([]float64, 0, len(ps))
		for _, p := range ps {
			vals = append(vals, st.get(p))
		}
		c.series = append(c.series, series{st.name, cdfPoints(vals)})
	}
	return c
}

// cdfPoints is the empirical CDF of the valid values, for a post-step
// line: (x0, 0), then (xi, (i+1)/n).
func cdfPoints(vals []float64) plotter.XYs {
	v := make([]float64, 0, len(vals))
	for _, x := range vals {
		if valid(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return nil
	}
	sort.Float64s(v)
	n := len(v)
	k := min(n, maxCDFPoints)
	pts := make(plotter.XYs, 0, k+1)
	pts = append(pts, plotter.XY{X: v[0], Y: 0})
	for j := 1; j <= k; j++ {
		i := j*n/k - 1 // last index of the j-th of k equal slices
		pts = append(pts, plotter.XY{X: v[i], Y: float64(i+1) / float64(n)})
	}
	return pts
}

// sampleChart plots one value of every Sample over time.
func sampleChart(ss []loadtest.Sample, title, yLabel, name string,
	get func(loadtest.Sample) float64) chart {
	pts := make(plotter.XYs, 0, len(ss))
	for _, s := range ss {
		pts = appendValid(pts, s.T, get(s))
	}
	return chart{title: title, xLabel: "s", yLabel: yLabel, series: []series{{name, pts}}}
}

// joinedChart plots joined, media-flowing and errored participants.
func joinedChart(ss []loadtest.Sample) chart {
	var joined, flowing, errs plotter.XYs
	for _, s := range ss {
		joined = appendValid(joined, s.T, float64(s.Joined))
		flowing = appendValid(flowing, s.T, float64(s.MediaFlowing))
		errs = appendValid(errs, s.T, float64(s.Errors))
	}
	return chart{title: "Participants over time", xLabel: "s", yLabel: "participants", legend: true,
		series: []series{{"joined", joined}, {"media flowing", flowing}, {"errors", errs}}}
}

// procChart plots one value per server process over time; processes
// are keyed by name and PID in order of first appearance.
func procChart(ss []loadtest.Sample, title, yLabel string,
	get func(loadtest.ProcSample) float64) chart {
	c := chart{title: title, xLabel: "s", yLabel: yLabel, legend: true}
	index := map[string]int{}
	for _, s := range ss {
		for _, p := range s.Procs {
			key := fmt.Sprintf("%s (pid %d)", p.Name, p.PID)
			i, ok := index[key]
			if !ok {
				i = len(c.series)
				index[key] = i
				c.series = append(c.series, series{name: key})
			}
			c.series[i].pts = appendValid(c.series[i].pts, s.T, get(p))
		}
	}
	return c
}

// appendValid appends (x, y) when both are finite and non-negative.
func appendValid(pts plotter.XYs, x, y float64) plotter.XYs {
	if valid(x) && valid(y) {
		pts = append(pts, plotter.XY{X: x, Y: y})
	}
	return pts
}
