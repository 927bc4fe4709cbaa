package render

import (
	"strconv"
	"strings"
	"time"

	// The PDF prints UK local times; embedding the zone database keeps that
	// true on servers and containers without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// rgb is a colour for gofpdf.
type rgb struct{ r, g, b int }

// The palette: calm, high-contrast text, muted furniture.
var (
	colourText      = rgb{20, 24, 28}
	colourLabel     = rgb{72, 78, 86}
	colourMuted     = rgb{118, 124, 132}
	colourRule      = rgb{196, 202, 209}
	colourBand      = rgb{232, 238, 244}
	colourBandText  = rgb{22, 52, 82}
	colourAccent    = rgb{46, 104, 150}
	colourSoft      = rgb{244, 247, 250}
	colourTableHead = rgb{226, 233, 240}
	colourZebra     = rgb{248, 249, 251}
	colourDraftBand = rgb{255, 238, 204}
	colourDraftText = rgb{122, 68, 0}
	colourWatermark = rgb{251, 234, 230}
)

func (pw *pdfWriter) textColour(c rgb) { pw.pdf.SetTextColor(c.r, c.g, c.b) }
func (pw *pdfWriter) fillColour(c rgb) { pw.pdf.SetFillColor(c.r, c.g, c.b) }
func (pw *pdfWriter) drawColour(c rgb) { pw.pdf.SetDrawColor(c.r, c.g, c.b) }

// font selects one of the embedded faces at a size in points. gofpdf's
// SetFont is not free, so a repeat of the current font is skipped.
func (pw *pdfWriter) font(style string, size float64) {
	if pw.fontSet && pw.fontStyle == style && pw.fontSize == size {
		return
	}
	pw.pdf.SetFont(fontFamily, style, size)
	pw.fontSet, pw.fontStyle, pw.fontSize = true, style, size
}

// header draws the running header of every page: the person's name and the
// reference, and for an unfinished assessment the draft banner and a light
// diagonal watermark (drawn first, so content sits on top of it).
func (pw *pdfWriter) header() {
	pdf := pw.pdf
	if !pw.doc.Completed() {
		pw.watermark()
	}
	pw.font(styleRegular, 9)
	ref := truncate(pw, "Reference "+pw.ref, contentWidth/2)
	refW := pdf.GetStringWidth(ref)
	pw.textColour(colourLabel)
	pdf.Text(pageWidth-marginX-refW, 12, ref)
	pw.font(styleBold, 9)
	pw.textColour(colourText)
	pdf.Text(marginX, 12, truncate(pw, pw.name, contentWidth-refW-6))
	pw.drawColour(colourRule)
	pdf.SetLineWidth(0.3)
	pdf.Line(marginX, 15, pageWidth-marginX, 15)

	if !pw.doc.Completed() {
		pw.fillColour(colourDraftBand)
		pdf.Rect(marginX, 18, contentWidth, 7, "F")
		pw.font(styleBold, 9.5)
		pw.textColour(colourDraftText)
		banner := "DRAFT — not completed. This assessment is still in progress and may change."
		pdf.Text(pageWidth/2-pdf.GetStringWidth(banner)/2, 22.7, banner)
	}
	pdf.SetXY(marginX, pw.top)
}

// footer draws the confidentiality line, "Page x of y", the form and
// version, and when the assessment was completed.
func (pw *pdfWriter) footer() {
	pdf := pw.pdf
	doc := pw.doc
	y := contentEnd + 6
	pw.drawColour(colourRule)
	pdf.SetLineWidth(0.3)
	pdf.Line(marginX, y, pageWidth-marginX, y)

	pw.font(styleBold, 8)
	pw.textColour(colourText)
	pdf.Text(marginX, y+4.5, "Confidential — personal information")

	// The total is filled in by gofpdf when the document closes, so the
	// width of "{nb}" is not the width of the number: the text is placed
	// to end at the margin when the total has two digits.
	pw.font(styleRegular, 8)
	page := "Page " + strconv.Itoa(pdf.PageNo()) + " of "
	pdf.Text(pageWidth-marginX-pdf.GetStringWidth(page+"00"), y+4.5, page+"{nb}")

	pw.textColour(colourLabel)
	form := cleanText(doc.TemplateTitle, false)
	if form == "" {
		form = "Assessment"
	}
	form += ", version " + strconv.Itoa(doc.TemplateVersion)
	if doc.Completed() && !doc.CompletedAt.IsZero() {
		form += " · Completed " + formatDay(doc.CompletedAt)
	} else {
		form += " · Not completed (draft)"
	}
	pdf.Text(marginX, y+8.5, truncate(pw, form, contentWidth))

	if contact := cleanText(doc.Contact, false); pw.last && contact != "" {
		pw.font(styleRegular, 7.5)
		pw.textColour(colourText)
		pdf.Text(marginX, y+12.5, truncate(pw, contact, contentWidth))
	}
}

// truncate shortens s with an ellipsis so it fits width in the current font.
func truncate(pw *pdfWriter, s string, width float64) string {
	if pw.pdf.GetStringWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && pw.pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// london is where the care homes are; times print in UK local time.
var london = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/London"); err == nil {
		return loc
	}
	return time.UTC
}()

// formatDay prints a date as "3 March 2026".
func formatDay(t time.Time) string { return t.In(london).Format("2 January 2006") }

// formatTime prints a moment as "3 March 2026 at 14:05".
func formatTime(t time.Time) string { return t.In(london).Format("2 January 2006 at 15:04") }

// timeOrEmpty is formatTime, or "" for the zero time.
func timeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

// formatDate prints a YYYY-MM-DD answer as "3 March 1941", and anything
// else as it was given.
func formatDate(s string) string {
	d, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return d.Format("2 January 2006")
}

// formatNHSNumber prints ten digits as "943 476 5919", and anything else
// as it was given.
func formatNHSNumber(s string) string {
	digits := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if len(digits) != 10 {
		return s
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return s
		}
	}
	return digits[:3] + " " + digits[3:6] + " " + digits[6:]
}

// isBlank reports whether s has nothing but white space.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
