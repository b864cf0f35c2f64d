// Package report renders a loadtest.Result as one self-contained HTML
// page: a header saying what was run where, a summary, the server
// processes' cost, six plots (join-latency CDF with its step breakdown,
// received bitrate, loss, CPU, RSS and participants over time), a
// per-participant table and the run's errors.
//
// The page opens offline: its CSS is inline, every plot is an inline SVG
// drawn with gonum.org/v1/plot, and it references no script, style, font
// or image. Every string from the run is escaped by html/template (text)
// or by gonum/plot (legend names inside the SVG). The output depends only
// on the Result, so the same Result gives the same bytes.
package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

//go:embed template.html
var pageSource string

var pageTemplate = template.Must(template.New("report").Parse(pageSource))

// page is what the template renders.
type page struct {
	Title            string
	Header           []field
	Cuts             []string
	Summary          []field
	Procs            []procRow
	Plots            []plotView
	Participants     []partRow
	ParticipantsNote string
	Errors           []string
	ErrorsNote       string
}

// WriteHTML writes the HTML report of r to w. The page is rendered in
// memory first, so w receives either the whole page or nothing.
func WriteHTML(w io.Writer, r *loadtest.Result) error {
	if r == nil {
		return ErrNilResult
	}
	pg, err := newPage(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.Grow(64 << 10)
	if err := pageTemplate.Execute(&buf, pg); err != nil {
		return fmt.Errorf("%w: %w", ErrTemplate, err)
	}
	_, err = buf.WriteTo(w)
	return err
}

// newPage builds the view of r.
func newPage(r *loadtest.Result) (*page, error) {
	plots, err := renderCharts(charts(r))
	if err != nil {
		return nil, err
	}
	pg := &page{
		Title:   title(r),
		Header:  headerFields(r),
		Cuts:    cuts(r),
		Summary: summaryFields(r.Summary),
		Procs:   procRows(r.Summary.Procs),
		Plots:   plots,
	}
	pg.Participants, pg.ParticipantsNote = participantRows(r.Participants)
	pg.Errors, pg.ErrorsNote = errorList(r.Errors)
	return pg, nil
}

// title names the run in the page title and heading.
func title(r *loadtest.Result) string {
	c := r.Config
	return fmt.Sprintf("loadtest %d×%d, %s, %s", c.Conferences, c.PerConference,
		c.Transport, fmtTime(r.Started))
}

// cuts describes the network cuts injected into the run.
func cuts(r *loadtest.Result) []string {
	out := make([]string, 0, len(r.Cuts))
	for _, c := range r.Cuts {
		what := "UDP socket closed for good"
		if c.ForMs > 0 {
			what = "packets dropped both ways for " + fmtSeconds(c.ForMs/1000)
		}
		s := fmt.Sprintf("conference %d participant %d (endpoint %s): %s, %s after joining; ",
			c.Conference, c.Participant, c.Endpoint, what, fmtSeconds(c.AtMs/1000))
		switch {
		case c.Error != "":
			s += "not applied: " + c.Error
		case valid(c.AppliedS):
			s += "applied at t = " + fmtSeconds(c.AppliedS)
		default:
			s += "not applied"
		}
		out = append(out, s)
	}
	return out
}
