package report

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Plot size on the page (CSS scales it down to the page width).
const (
	plotWidth            = 18 * vg.Centimeter
	plotHeight           = 8 * vg.Centimeter
	rightPad   vg.Length = 10 // points right of the last tick label and of the legend
)

// plotView is one plot on the page: inline SVG, or NoData.
type plotView struct {
	Title  string
	SVG    template.HTML
	NoData bool
}

// renderCharts draws every chart; a chart without points becomes a
// "no data" note.
func renderCharts(cs []chart) ([]plotView, error) {
	views := make([]plotView, len(cs))
	for i, c := range cs {
		views[i].Title = c.title
		if !hasData(c) {
			views[i].NoData = true
			continue
		}
		svg, err := renderSVG(c)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrPlot, c.title, err)
		}
		views[i].SVG = svg
	}
	return views, nil
}

func hasData(c chart) bool {
	for _, s := range c.series {
		if len(s.pts) > 0 {
			return true
		}
	}
	return false
}

// renderSVG draws c with gonum/plot into an SVG element fit for inlining
// in HTML, the legend in a strip right of the axes. gonum/plot escapes
// the text it draws (legend names come from the run). It may panic on
// input it rejects; that becomes an error.
func renderSVG(c chart) (out template.HTML, err error) {
	defer func() {
		if rec := recover(); rec != nil {
			err = fmt.Errorf("gonum/plot: %v", rec)
		}
	}()
	p, leg, err := buildPlot(c)
	if err != nil {
		return "", err
	}
	canvas := vgsvg.New(plotWidth, plotHeight)
	dc := draw.New(canvas)
	strip := rightPad
	if c.legend {
		r := leg.Rectangle(dc)
		strip += (r.Max.X - r.Min.X) * 1.15 // room for a wider fallback font
		leg.Draw(draw.Crop(dc, plotWidth-strip+rightPad, 0, 0, -rightPad))
	}
	p.Draw(draw.Crop(dc, 0, -strip, 0, 0))
	var buf bytes.Buffer
	if _, err := canvas.WriteTo(&buf); err != nil {
		return "", err
	}
	return template.HTML(inlineSVG(buf.Bytes())), nil
}

// buildPlot lays out the axes, grid, curves and cut marks of c, and
// their legend.
func buildPlot(c chart) (*plot.Plot, *plot.Legend, error) {
	p := plot.New()
	p.X.Label.Text = c.xLabel
	p.Y.Label.Text = c.yLabel
	p.Y.Min = 0
	p.Add(plotter.NewGrid())
	leg := plot.NewLegend()
	leg.Top, leg.Left = true, true
	setFonts(p, &leg)
	for i, s := range c.series {
		if len(s.pts) == 0 {
			continue // keeps its colour: the same series, the same colour
		}
		l, err := plotter.NewLine(s.pts)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", s.name, err)
		}
		l.Color = plotutil.Color(i)
		l.Dashes = plotutil.Dashes(i)
		l.Width = vg.Points(1.5)
		if c.cdf {
			l.StepStyle = plotter.PostStep
		}
		p.Add(l)
		leg.Add(s.name, l)
	}
	setYRange(p, c.cdf)
	return p, &leg, addMarks(p, &leg, c.marks)
}

// setYRange fixes the top of the y axis once the data is in.
func setYRange(p *plot.Plot, cdf bool) {
	switch {
	case cdf:
		p.Y.Max = 1
	case p.Y.Max <= p.Y.Min: // all zero: show [0,1] rather than [-1,1]
		p.Y.Max = p.Y.Min + 1
	default: // keep a flat line at the maximum off the frame
		p.Y.Max *= 1.05
	}
}

// addMarks draws a grey vertical line at each x in marks, named once in
// the legend.
func addMarks(p *plot.Plot, leg *plot.Legend, marks []float64) error {
	for i, x := range marks {
		l, err := plotter.NewLine(plotter.XYs{{X: x, Y: p.Y.Min}, {X: x, Y: p.Y.Max}})
		if err != nil {
			return fmt.Errorf("mark at %v: %w", x, err)
		}
		l.Color = color.Gray{Y: 0x80}
		l.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(l)
		if i == 0 {
			leg.Add("network cut", l)
		}
	}
	return nil
}

// setFonts switches every text of p and leg to Liberation Sans, which is
// metric-compatible with the Arial/Helvetica the page's CSS falls back to
// (the SVG does not embed fonts).
func setFonts(p *plot.Plot, leg *plot.Legend) {
	sans := func(size vg.Length) font.Font {
		return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	}
	p.X.Label.TextStyle.Font = sans(10)
	p.Y.Label.TextStyle.Font = sans(10)
	p.X.Tick.Label.Font = sans(9)
	p.Y.Tick.Label.Font = sans(9)
	leg.TextStyle.Font = sans(9)
}

// inlineSVG strips the XML prologue and the namespace declarations that
// inline SVG in HTML does not need, so the page holds no URL of its own.
func inlineSVG(b []byte) string {
	if i := bytes.Index(b, []byte("<svg")); i > 0 {
		b = b[i:]
	}
	b = bytes.Replace(b, []byte("\n\txmlns=\"http://www.w3.org/2000/svg\""), nil, 1)
	b = bytes.Replace(b, []byte("\n\txmlns:xlink=\"http://www.w3.org/1999/xlink\""), nil, 1)
	return string(b)
}
