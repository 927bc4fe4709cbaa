package render

import (
	"strconv"

	"firstperson/forms"
)

// Question ids the first page reads from the answers.
const (
	idPleaseCallMe     = "please-call-me"
	idWhatMattersMost  = "what-matters-most"
	notAnswered        = "Not answered"
	notRecorded        = "Not recorded"
	coverNameLineH     = 10.0
	coverNameSize      = 22.0
	coverCallMeSize    = 13.0
	coverBoxPadding    = 3.0
	coverBoxAccent     = 1.4
	coverBoxTextIndent = 6.0
	maxFactLines       = 6
)

// firstPage prints who the assessment is about and what matters most to
// them, then the facts about the assessment itself.
func (pw *pdfWriter) firstPage() {
	pdf := pw.pdf
	doc := pw.doc

	kicker := textStyle{styleBold, 9.5, colourAccent, 5}
	title := cleanText(doc.TemplateTitle, false)
	if title == "" {
		title = "Care assessment"
	}
	pw.text(title, 0, kicker)

	nameStyle := textStyle{styleBold, coverNameSize, colourText, coverNameLineH}
	pw.text(pw.name, 0, nameStyle)
	pdf.SetY(pdf.GetY() + 1)
	pw.callMe()
	pdf.SetY(pdf.GetY() + 3)

	pw.facts([][2]string{
		{"NHS number", orNotRecorded(formatNHSNumber(cleanText(doc.Person.NHSNumber, false)))},
		{"Date of birth", orNotRecorded(formatDate(cleanText(doc.Person.DateOfBirth, false)))},
	})
	pdf.SetY(pdf.GetY() + 4)
	pw.whatMattersMost()
	pdf.SetY(pdf.GetY() + 6)

	pw.ensure(30)
	pw.drawColour(colourRule)
	pdf.SetLineWidth(0.3)
	pdf.Line(marginX, pdf.GetY(), pageWidth-marginX, pdf.GetY())
	pdf.SetY(pdf.GetY() + 3)
	pw.facts(pw.assessmentFacts())
	pdf.SetY(pdf.GetY() + 4)
}

// callMe prints "Please call me …" under the name.
func (pw *pdfWriter) callMe() {
	pdf := pw.pdf
	lead := textStyle{styleRegular, coverCallMeSize, colourLabel, 6.5}
	value := textStyle{styleBold, coverCallMeSize, colourText, 6.5}
	answer := pw.coverAnswer(idPleaseCallMe)
	if answer == "" {
		value = textStyle{styleRegular, coverCallMeSize, colourMuted, 6.5}
		answer = notAnswered
	}
	pw.use(lead)
	leadText := "Please call me "
	leadW := pdf.GetStringWidth(leadText)
	pw.use(value)
	lines := pw.wrap(answer, contentWidth-leadW)
	pw.ensure(lead.lineH)
	y := pdf.GetY()
	pw.use(lead)
	pdf.Text(marginX, baseline(y, lead), leadText)
	if len(lines) > 0 {
		pw.use(value)
		pdf.Text(marginX+leadW, baseline(y, value), lines[0])
		pdf.SetY(y + value.lineH)
		pw.drawLines(lines[1:], marginX+leadW, value)
	} else {
		pdf.SetY(y + value.lineH)
	}
}

// whatMattersMost prints the answer to "what matters most" in a shaded box
// with an accent bar; the box flows across pages with its text.
func (pw *pdfWriter) whatMattersMost() {
	head := textStyle{styleBold, 10, colourAccent, 5.5}
	body := textStyle{styleRegular, 11, colourText, 5.4}
	answer := pw.coverAnswer(idWhatMattersMost)
	if answer == "" {
		body = textStyle{styleRegular, 10.5, colourMuted, 5.4}
		answer = notAnswered
	}
	pw.use(body)
	lines := pw.wrap(answer, contentWidth-2*coverBoxTextIndent)
	// Keep the heading with the first lines of the answer.
	pw.ensure(2*coverBoxPadding + head.lineH + min(3, float64(len(lines)))*body.lineH)
	pw.boxStrip(coverBoxPadding)
	pw.boxLines([]string{"What matters most to me"}, head)
	pw.boxLines(lines, body)
	pw.boxStrip(coverBoxPadding)
}

// boxLines prints lines inside the shaded box, a strip of box per line.
func (pw *pdfWriter) boxLines(lines []string, st textStyle) {
	for _, line := range lines {
		pw.ensure(st.lineH)
		y := pw.pdf.GetY()
		pw.boxStrip(st.lineH)
		pw.use(st)
		if line != "" {
			pw.pdf.Text(marginX+coverBoxTextIndent, baseline(y, st), line)
		}
		pw.pdf.SetY(y + st.lineH)
	}
}

// boxStrip shades h millimetres of the box at the current y and moves down.
func (pw *pdfWriter) boxStrip(h float64) {
	pdf := pw.pdf
	y := pdf.GetY()
	pw.fillColour(colourSoft)
	pdf.Rect(marginX, y, contentWidth, h, "F")
	pw.fillColour(colourAccent)
	pdf.Rect(marginX, y, coverBoxAccent, h, "F")
	pdf.SetY(y + h)
}

// coverAnswer is the cleaned answer to one of the first-page questions,
// or "" when it is not answered.
func (pw *pdfWriter) coverAnswer(id string) string {
	v := pw.doc.Answers[id]
	if forms.IsEmpty(v) {
		return ""
	}
	return cleanText(answerText(pw.doc.Schema.Question(id), v), true)
}

// assessmentFacts lists who assessed, when, and against which form.
func (pw *pdfWriter) assessmentFacts() [][2]string {
	doc := pw.doc
	form := cleanText(doc.TemplateTitle, false)
	if form == "" {
		form = notRecorded
	}
	status := "In progress — draft, not completed"
	completed := "Not completed"
	if doc.Completed() {
		status = "Completed"
		completed = orNotRecorded(timeOrEmpty(doc.CompletedAt))
		if by := cleanText(doc.CompletedBy, false); !isBlank(by) {
			completed += " by " + by
		}
	}
	return [][2]string{
		{"Assessment reference", orNotRecorded(pw.ref)},
		{"Form", form},
		{"Form version", "Version " + strconv.Itoa(doc.TemplateVersion)},
		{"Status", status},
		{"Assessor", orNotRecorded(cleanText(doc.StartedBy, false))},
		{"Started", orNotRecorded(timeOrEmpty(doc.StartedAt))},
		{"Completed", completed},
		{"This copy printed", orNotRecorded(timeOrEmpty(doc.GeneratedAt))},
	}
}

// facts prints label/value pairs in two columns: a small muted label above
// each value.
func (pw *pdfWriter) facts(pairs [][2]string) {
	pdf := pw.pdf
	label := textStyle{styleRegular, 8.5, colourMuted, 4.2}
	value := textStyle{styleRegular, 10.5, colourText, 5.2}
	colW := contentWidth / 2
	for i := 0; i < len(pairs); i += 2 {
		row := pairs[i:min(i+2, len(pairs))]
		pw.use(value)
		wrapped := make([][]string, len(row))
		h := 0.0
		for j, p := range row {
			wrapped[j] = pw.wrap(p[1], colW-6)
			if len(wrapped[j]) > maxFactLines { // a runaway value must not run off the page
				wrapped[j] = append(wrapped[j][:maxFactLines-1], "…")
			}
			h = max(h, label.lineH+float64(len(wrapped[j]))*value.lineH)
		}
		pw.ensure(h)
		y := pdf.GetY()
		for j, p := range row {
			x := marginX + float64(j)*colW
			pw.use(label)
			pdf.Text(x, baseline(y, label), p[0])
			pw.use(value)
			for k, line := range wrapped[j] {
				pdf.Text(x, baseline(y+label.lineH+float64(k)*value.lineH, value), line)
			}
		}
		pdf.SetY(y + h + 2.5)
	}
}

// orNotRecorded returns s, or "Not recorded" when s is blank.
func orNotRecorded(s string) string {
	if isBlank(s) {
		return notRecorded
	}
	return s
}
