package fhir

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"

	"firstperson/forms"
)

// ResponseMeta is what a QuestionnaireResponse says about the assessment
// beyond its answers. QuestionnaireURL and Version name the pinned template
// version (the Questionnaire's url and version); ID is the assessment's
// reference, used as the resource id when it is a valid FHIR id (1–64 of
// A-Z, a-z, 0-9, "-" and "."), else left out; SubjectDisplay is the
// person's name; Author the assessor.
type ResponseMeta struct {
	QuestionnaireURL string
	Version          int
	ID               string
	Completed        bool
	Amended          bool // completed, then corrected: status "amended"
	Authored         time.Time
	Author           string
	SubjectDisplay   string
}

// ToResponse maps an assessment's answers to a FHIR R4
// QuestionnaireResponse against the Questionnaire that ToQuestionnaire makes
// of the same schema. Items mirror the Questionnaire's groups: a section
// group holds its answered questions, a table is its group repeated once per
// row. Hidden (show-if false) questions, empty answers, answers of the wrong
// shape and sections left with nothing are omitted, because R4 requires
// every item to hold answers or child items.
func ToResponse(s *forms.Schema, a forms.Answers, m ResponseMeta) *QuestionnaireResponse {
	r := &QuestionnaireResponse{ResourceType: "QuestionnaireResponse", Status: "in-progress"}
	if fhirID.MatchString(m.ID) {
		r.ID = m.ID
	}
	if m.QuestionnaireURL != "" {
		r.Questionnaire = m.QuestionnaireURL
		if m.Version > 0 {
			r.Questionnaire += "|" + strconv.Itoa(m.Version)
		}
	}
	if m.Completed {
		r.Status = "completed"
		if m.Amended {
			r.Status = "amended"
		}
	}
	if m.SubjectDisplay != "" {
		r.Subject = &Reference{Display: m.SubjectDisplay}
	}
	if !m.Authored.IsZero() {
		r.Authored = m.Authored.Format(time.RFC3339)
	}
	if m.Author != "" {
		r.Author = &Reference{Display: m.Author}
	}
	questionIDs := map[string]bool{}
	for _, fq := range s.Questions() {
		questionIDs[fq.ID] = true
	}
	for si := range s.Sections {
		sec := &s.Sections[si]
		g := ResponseItem{LinkID: sec.ID, Text: sec.Title}
		if questionIDs[sec.ID] {
			g.LinkID = sec.ID + sectionSuffix
		}
		for qi := range sec.Questions {
			fq := &sec.Questions[qi]
			v, ok := a[fq.ID]
			if !ok || !fq.Type.Answerable() || forms.IsEmpty(v) || !s.Visible(fq.ID, a) {
				continue
			}
			g.Item = append(g.Item, responseItems(fq, v)...)
		}
		if len(g.Item) > 0 {
			r.Item = append(r.Item, g)
		}
	}
	return r
}

// responseItems maps one answer: usually one item, one per row for tables,
// none when the answer does not fit the question.
func responseItems(fq *forms.Question, v any) []ResponseItem {
	if fq.Type == forms.TypeTable {
		return tableRows(fq, v)
	}
	var answers []ResponseAnswer
	if fq.Type == forms.TypeMultiChoice {
		list, _ := v.([]any)
		for _, o := range list {
			if s, ok := o.(string); ok && strings.TrimSpace(s) != "" {
				answers = append(answers, ResponseAnswer{ValueString: ptr(s)})
			}
		}
	} else if ans, ok := answerValue(fq.Type, v); ok {
		answers = []ResponseAnswer{ans}
	}
	if len(answers) == 0 {
		return nil
	}
	return []ResponseItem{{LinkID: fq.ID, Text: fq.Label, Answer: answers}}
}

// answerValue maps a single answer to the value[x] matching the item type.
func answerValue(t forms.QuestionType, v any) (ResponseAnswer, bool) {
	switch t {
	case forms.TypeYesNo:
		if b, ok := v.(bool); ok {
			return ResponseAnswer{ValueBoolean: ptr(b)}, true
		}
	case forms.TypeNumber:
		if f, ok := number(v); ok {
			return ResponseAnswer{ValueDecimal: ptr(f)}, true
		}
	case forms.TypeDate:
		if s, ok := v.(string); ok {
			if isFHIRDate(s) {
				return ResponseAnswer{ValueDate: ptr(s)}, true
			}
			// Never drop what the assessor typed, even if it is not a date.
			return ResponseAnswer{ValueString: ptr(s)}, true
		}
	case forms.TypeSignature:
		if t, ok := forms.AsTypedSignature(v); ok {
			return ResponseAnswer{ValueAttachment: typedAttachment(t)}, true
		}
		if s, ok := v.(string); ok {
			if att, ok := dataURL(s); ok {
				return ResponseAnswer{ValueAttachment: att}, true
			}
		}
	default:
		if s, ok := v.(string); ok {
			return ResponseAnswer{ValueString: ptr(s)}, true
		}
	}
	return ResponseAnswer{}, false
}

// tableRows maps the rows of a table answer to one group item per row with
// a child item per filled-in cell, in column order; blank rows are left out.
func tableRows(fq *forms.Question, v any) []ResponseItem {
	rows, _ := v.([]any)
	var items []ResponseItem
	for _, r := range rows {
		row, ok := r.(map[string]any)
		if !ok || forms.IsEmpty(row) {
			continue
		}
		g := ResponseItem{LinkID: fq.ID, Text: fq.Label}
		for _, c := range fq.Columns {
			cell := forms.FormatAnswer(nil, row[c.ID])
			if strings.TrimSpace(cell) == "" {
				continue
			}
			g.Item = append(g.Item, ResponseItem{
				LinkID: columnLinkID(fq.ID, c.ID), Text: c.Label,
				Answer: []ResponseAnswer{{ValueString: ptr(cell)}},
			})
		}
		if len(g.Item) > 0 {
			items = append(items, g)
		}
	}
	return items
}

// fhirID is the R4 pattern of a resource id.
var fhirID = regexp.MustCompile(`^[A-Za-z0-9\-.]{1,64}$`)

// number accepts the numeric types an answer can hold.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// dataURL splits "data:image/png;base64,AAAA" into an Attachment with the
// content type and the base64 data (FHIR's base64Binary has no prefix).
func dataURL(s string) (*Attachment, bool) {
	rest, ok := strings.CutPrefix(s, "data:")
	if !ok {
		return nil, false
	}
	meta, data, ok := strings.Cut(rest, ",")
	if !ok || data == "" {
		return nil, false
	}
	contentType, ok := strings.CutSuffix(meta, ";base64")
	if !ok {
		return nil, false
	}
	if contentType == "" {
		contentType = "image/png"
	}
	return &Attachment{ContentType: contentType, Data: data}, true
}

// typedAttachment is a typed signature as an attachment: the statement as
// plain text, its title, and when it was entered.
func typedAttachment(t forms.TypedSignature) *Attachment {
	text := t.Statement()
	if t.EnteredBy != "" {
		text += " (entered by " + t.EnteredBy + ")"
	}
	att := &Attachment{ContentType: "text/plain", Data: base64.StdEncoding.EncodeToString([]byte(text)), Title: text}
	if !t.EnteredAt.IsZero() {
		att.Creation = t.EnteredAt.UTC().Format(time.RFC3339)
	}
	return att
}
