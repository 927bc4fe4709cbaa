package render

import (
	"fmt"
	"strings"
	"time"

	"firstperson/forms"
)

// Amendment is one correction after completion, ready to show: the
// question's label, the old and new answer as people read them, who, when
// and why.
type Amendment struct {
	QuestionID string
	Label      string
	Old, New   string
	By         string
	At         time.Time
	Reason     string
}

// NewAmendment describes a correction of question qid (or of a person
// detail, "person.name" …) from old to new.
func NewAmendment(s *forms.Schema, qid string, old, new any, by string, at time.Time, reason string) Amendment {
	a := Amendment{QuestionID: qid, By: by, At: at, Reason: reason}
	var q *forms.Question
	if field, ok := strings.CutPrefix(qid, "person."); ok {
		for _, bq := range s.Questions() {
			if bq.PersonField == field {
				q = bq
			}
		}
		a.Label = map[string]string{"name": "Name", "date_of_birth": "Date of birth", "nhs_number": "NHS number"}[field]
		if q != nil {
			a.QuestionID = q.ID
		}
		if field == forms.PersonDateOfBirth {
			q = &forms.Question{Type: forms.TypeDate}
		}
	} else if q = s.Question(qid); q != nil {
		a.Label = q.Label
	} else {
		a.Label = qid
	}
	a.Old, a.New = amendedText(q, old), amendedText(q, new)
	return a
}

func amendedText(q *forms.Question, v any) string {
	if forms.IsEmpty(v) {
		return "no answer"
	}
	if s, ok := v.(string); ok && q != nil && q.Type == forms.TypeSignature {
		return s // the audit trail keeps "signature (N bytes)", not the image
	}
	return answerText(q, v)
}

// Note is the line shown under an amended answer:
// "Amended 3 Mar 2026 14:05 by Priya Raman".
func (a Amendment) Note() string {
	return "Amended " + a.At.In(london).Format("2 Jan 2006 15:04") + " by " + a.By
}

// When is the amendment's time as the Amendments list prints it.
func (a Amendment) When() string { return a.At.In(london).Format("2 Jan 2006 15:04") }

// LatestAmendments returns, for each amended question id, its most recent
// amendment.
func LatestAmendments(list []Amendment) map[string]Amendment {
	m := map[string]Amendment{}
	for _, a := range list {
		m[a.QuestionID] = a
	}
	return m
}

// amendments prints the "Amendments" section: every correction made after
// completion, oldest first, with question, old → new, who, when and why.
func (pw *pdfWriter) amendments() {
	if len(pw.doc.Amendments) == 0 {
		return
	}
	first := &forms.Question{Label: "Amendments", Type: forms.TypeLongText}
	pw.sectionHeading("Amendments", first)
	pw.text(cleanText(fmt.Sprintf("%d correction%s made after the assessment was completed, oldest first.",
		len(pw.doc.Amendments), map[bool]string{true: "s", false: ""}[len(pw.doc.Amendments) != 1]), true), 0, styleSmall)
	pw.pdf.SetY(pw.pdf.GetY() + labelGap)
	for _, a := range pw.doc.Amendments {
		pw.ensure(4 * styleBody.lineH)
		pw.text(cleanText(a.Label, false), 0, styleLabel)
		pw.text(cleanText(a.Old+" → "+a.New, true), answerIndent, styleBody)
		pw.text(cleanText(a.Note()+". Reason: "+a.Reason, true), answerIndent, styleSmall)
		pw.pdf.SetY(pw.pdf.GetY() + questionGap)
	}
}
