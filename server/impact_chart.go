package server

import (
	"fmt"
	"math"
	"strconv"
)

// barChart is a horizontal bar chart drawn as SVG on the server: one group
// of bars per row (a version or a week), one bar per series. The same
// figures are always in a table beside it (screen readers, printing).
type barChart struct {
	ID, Title string
	Width     int
	Height    int
	Series    []chartSeries
	Rows      []chartRow
	// LabelWidth is where the bars start; ValueX where the scale ends.
	LabelWidth int
}

type chartSeries struct{ Name, Class string }

type chartRow struct {
	Label string
	Y     int // top of the row
	Bars  []chartBar
}

type chartBar struct {
	Y, W, H int
	X       int
	Class   string
	Text    string // the value written after the bar
	TextX   int
	Missing bool // nothing to measure: no bar, "no data"
}

// chartGroup is one row of figures before it is drawn.
type chartGroup struct {
	Label  string
	Values []*float64
}

// Each row's label sits on its own line above its bars, so long version
// names are never cut off.
const (
	chartWidth      = 640
	chartLabelWidth = 0
	chartLabelLine  = 20
	chartBarH       = 18
	chartGap        = 4
	chartRowGap     = 16
)

// newBarChart lays out groups of values (one per series) on a common
// scale from 0 to the largest value (or to max when it is above 0, as for
// shares, drawn to 100%).
func newBarChart(id, title string, series []chartSeries, groups []chartGroup, max float64, format func(float64) string) barChart {
	top := max
	if top <= 0 {
		for _, g := range groups {
			for _, v := range g.Values {
				if v != nil && *v > top {
					top = *v
				}
			}
		}
	}
	scale := float64(chartWidth - chartLabelWidth - 90)
	c := barChart{ID: id, Title: title, Width: chartWidth, Series: series, LabelWidth: chartLabelWidth}
	y := 8
	for _, g := range groups {
		row := chartRow{Label: g.Label, Y: y}
		y += chartLabelLine
		for i, v := range g.Values {
			b := chartBar{X: chartLabelWidth, Y: y + i*(chartBarH+chartGap), H: chartBarH, Class: series[i].Class}
			if v == nil {
				b.Missing, b.Text = true, "no data"
			} else {
				if top > 0 {
					b.W = int(math.Round(*v / top * scale))
				}
				b.Text = format(*v)
			}
			b.TextX = b.X + b.W + 6
			row.Bars = append(row.Bars, b)
		}
		c.Rows = append(c.Rows, row)
		y += len(series)*(chartBarH+chartGap) + chartRowGap
	}
	c.Height = y + 4
	return c
}

func formatMinutes(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + " min" }
func formatShare(v float64) string   { return fmt.Sprintf("%.0f%%", v*100) }
func formatCount(v float64) string   { return strconv.FormatFloat(v, 'f', -1, 64) }
