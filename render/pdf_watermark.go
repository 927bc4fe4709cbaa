package render

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// watermarkWord is the pale word drawn across every page of a draft.
const watermarkWord = "DRAFT"

// watermarkEm is the size, in millimetres, of one em of the watermark.
const watermarkEm = 40.0

// outlinePPEM is the scale glyph outlines are loaded at: units per em.
const outlinePPEM = 1000

// watermarkOutline is the outline of the watermark word in Go Bold, in
// em/1000 units with y down, and its advance width. It is drawn as a
// shape, not text, so text extraction (copy and paste, screen readers,
// pdftotext) reads the draft banner once instead of stray letters.
var watermarkOutline = sync.OnceValues(func() ([]sfnt.Segment, float64) {
	f, err := sfnt.Parse(gobold.TTF)
	if err != nil {
		return nil, 0
	}
	var buf sfnt.Buffer
	var out []sfnt.Segment
	x := fixed.Int26_6(0)
	for _, r := range watermarkWord {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			continue
		}
		segs, err := f.LoadGlyph(&buf, gi, fixed.I(outlinePPEM), nil)
		if err != nil {
			continue
		}
		for _, s := range segs {
			for i := range s.Args {
				s.Args[i].X += x
			}
			out = append(out, s)
		}
		adv, err := f.GlyphAdvance(&buf, gi, fixed.I(outlinePPEM), font.HintingNone)
		if err == nil {
			x += adv
		}
	}
	return out, float64(x) / 64
})

// watermark draws a large, pale "DRAFT" diagonally across the page, under
// everything else on it.
func (pw *pdfWriter) watermark() {
	segs, width := watermarkOutline()
	if len(segs) == 0 {
		return
	}
	pdf := pw.pdf
	scale := watermarkEm / outlinePPEM / 64 // fixed-point units to mm
	cx, cy := pageWidth/2, pageHeight/2
	x0 := cx - width*watermarkEm/outlinePPEM/2
	y0 := cy + 0.35*watermarkEm // baseline, so the caps sit around the centre
	at := func(p fixed.Point26_6) (float64, float64) {
		return x0 + float64(p.X)*scale, y0 + float64(p.Y)*scale
	}
	pw.fillColour(colourWatermark)
	pdf.TransformBegin()
	pdf.TransformRotate(55, cx, cy)
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			pdf.MoveTo(at(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			pdf.LineTo(at(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			qx, qy := at(s.Args[0])
			x, y := at(s.Args[1])
			pdf.CurveTo(qx, qy, x, y)
		case sfnt.SegmentOpCubeTo:
			ax, ay := at(s.Args[0])
			bx, by := at(s.Args[1])
			x, y := at(s.Args[2])
			pdf.CurveBezierCubicTo(ax, ay, bx, by, x, y)
		}
	}
	pdf.DrawPath("F")
	pdf.TransformEnd()
}
