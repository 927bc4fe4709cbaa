package render

import (
	"firstperson/forms"
)

// Spacing of the question list, in millimetres.
const (
	sectionGapBefore = 5.0
	sectionBandH     = 8.0
	sectionGapAfter  = 3.0
	labelGap         = 0.8
	questionGap      = 3.6
	answerIndent     = 0.0
)

// sections prints every section of the pinned schema in order, with every
// question the answers make visible.
func (pw *pdfWriter) sections() {
	for si := range pw.doc.Schema.Sections {
		sec := &pw.doc.Schema.Sections[si]
		var shown []*forms.Question
		for qi := range sec.Questions {
			q := &sec.Questions[qi]
			// A question bound to a person detail is printed once, on the
			// cover with the person's record, never a second time here.
			if q.Type == forms.TypeInfo || q.PersonField != "" || !pw.doc.Schema.Visible(q.ID, pw.doc.Answers) {
				continue
			}
			shown = append(shown, q)
		}
		if len(shown) == 0 {
			continue
		}
		pw.sectionHeading(sec.Title, shown[0])
		for _, q := range shown {
			pw.question(q, pw.doc.Answers[q.ID])
		}
	}
}

// sectionHeading prints a section title on a shaded band, kept on the same
// page as the start of its first question.
func (pw *pdfWriter) sectionHeading(title string, first *forms.Question) {
	pdf := pw.pdf
	if pdf.GetY() > pw.top+1 {
		pdf.SetY(pdf.GetY() + sectionGapBefore)
	}
	head := textStyle{styleBold, 12, colourBandText, sectionBandH}
	pw.use(head)
	lines := pw.wrap(cleanText(title, false), contentWidth-8)
	if len(lines) == 0 {
		lines = []string{"Untitled section"}
	}
	h := float64(len(lines))*6 + 2
	pw.ensure(h + sectionGapAfter + pw.questionStart(first))
	y := pdf.GetY()
	pw.fillColour(colourBand)
	pdf.Rect(marginX, y, contentWidth, h, "F")
	pw.fillColour(colourAccent)
	pdf.Rect(marginX, y, coverBoxAccent, h, "F")
	pw.use(head)
	line := textStyle{styleBold, 12, colourBandText, 6}
	for i, l := range lines {
		pdf.Text(marginX+4, baseline(y+1+float64(i)*6, line), l)
	}
	pdf.SetY(y + h + sectionGapAfter)
}

// questionStart is the height of a question's label and the first part of
// its answer: what must fit on a page before the question starts there.
func (pw *pdfWriter) questionStart(q *forms.Question) float64 {
	pw.use(styleLabel)
	h := float64(len(pw.wrap(cleanText(q.Label, false), contentWidth))) * styleLabel.lineH
	h += labelGap
	switch q.Type {
	case forms.TypeSignature:
		return h + signatureBlockH
	case forms.TypeTable:
		return h + 2*tableMinRowH
	}
	return h + 2*styleBody.lineH
}

// question prints one question's label and, beneath it, its answer.
func (pw *pdfWriter) question(q *forms.Question, v any) {
	pdf := pw.pdf
	pw.ensure(pw.questionStart(q))
	pw.use(styleLabel)
	label := cleanText(q.Label, false)
	if isBlank(label) {
		label = "Untitled question"
	}
	pw.drawLines(pw.wrap(label, contentWidth), marginX, styleLabel)
	pdf.SetY(pdf.GetY() + labelGap)

	switch {
	case q.Type == forms.TypeSignature && !forms.IsEmpty(v):
		pw.signature(v)
	case q.Type == forms.TypeTable && !forms.IsEmpty(v):
		if !pw.table(q, v) {
			pw.text(cleanText(answerText(q, v), true), answerIndent, styleBody)
		}
	default:
		answer := ""
		if !forms.IsEmpty(v) {
			answer = cleanText(answerText(q, v), true)
		}
		if isBlank(answer) {
			pw.text(notAnswered, answerIndent, styleNotAnswer)
		} else {
			pw.text(answer, answerIndent, styleBody)
		}
	}
	if a, ok := pw.amended[q.ID]; ok {
		pw.text(cleanText(a.Note(), false), answerIndent, styleSmall)
	}
	pdf.SetY(pdf.GetY() + questionGap)
}

// answerText is an answer as people read it: Yes/No, options joined with
// commas, dates as "3 March 1941", numbers as given.
func answerText(q *forms.Question, v any) string {
	if q != nil && q.Type == forms.TypeDate {
		if s, ok := v.(string); ok {
			return formatDate(s)
		}
	}
	return forms.FormatAnswer(q, v)
}
