package fhir

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"firstperson/forms"
)

// QuestionnaireMeta is what a Questionnaire says about the template version
// beyond its schema. URL must stay the same for every version of a template
// (the canonical URL); Version is the version number.
type QuestionnaireMeta struct {
	URL       string
	Version   int
	Published bool
	Date      time.Time
	Publisher string
}

// Suffixes of the linkIds Firstperson makes up for items that are not a
// section or question of their own. Forms ids never contain a dot, so these
// cannot collide with a real id, and import recognises them.
const (
	helpSuffix    = ".help"    // the hint of a question
	sectionSuffix = ".section" // a section whose id is also a question id
	emptySuffix   = ".empty"   // filler in a group that would be empty
)

// ToQuestionnaire maps one template version to a FHIR R4 Questionnaire.
// Sections become group items, questions become items with the question id
// as linkId (the package comment has the full mapping). The schema is not
// validated here: an invalid schema gives a Questionnaire just as invalid.
func ToQuestionnaire(s *forms.Schema, m QuestionnaireMeta) *Questionnaire {
	q := &Questionnaire{
		ResourceType: "Questionnaire",
		URL:          m.URL,
		Name:         ComputableName(s.Title),
		Title:        s.Title,
		Status:       "draft",
		Publisher:    m.Publisher,
	}
	if m.Version > 0 {
		q.Version = strconv.Itoa(m.Version)
	}
	if m.Published {
		q.Status = "active"
	}
	if !m.Date.IsZero() {
		q.Date = m.Date.Format(time.RFC3339)
	}
	questionIDs := map[string]bool{}
	for _, fq := range s.Questions() {
		questionIDs[fq.ID] = true
	}
	for si := range s.Sections {
		sec := &s.Sections[si]
		g := QuestionnaireItem{LinkID: sec.ID, Text: sec.Title, Type: itemGroup}
		if questionIDs[sec.ID] {
			// linkIds must be unique across the whole Questionnaire (que-2).
			g.LinkID = sec.ID + sectionSuffix
		}
		for qi := range sec.Questions {
			g.Item = append(g.Item, questionItem(s, &sec.Questions[qi]))
		}
		fillEmpty(&g)
		q.Item = append(q.Item, g)
	}
	return q
}

// questionItem maps one question, with its hint, options, columns and
// show-if condition.
func questionItem(s *forms.Schema, fq *forms.Question) QuestionnaireItem {
	it := QuestionnaireItem{LinkID: fq.ID, Text: fq.Label, Type: itemString}
	switch fq.Type {
	case forms.TypeLongText:
		it.Type = itemText
	case forms.TypeYesNo:
		it.Type = itemBoolean
	case forms.TypeChoice, forms.TypeMultiChoice:
		it.Type = itemChoice
		if fq.Type == forms.TypeMultiChoice {
			it.Repeats = ptr(true)
		}
		for _, o := range fq.Options {
			if o == "" {
				continue // FHIR strings are never empty
			}
			it.AnswerOption = append(it.AnswerOption, AnswerOption{ValueString: ptr(o)})
		}
	case forms.TypeDate:
		it.Type = itemDate
	case forms.TypeNumber:
		it.Type = itemDecimal
	case forms.TypeSignature:
		it.Type = itemAttachment
		// A drawn signature is a PNG; a typed one (keyboard, switch, voice
		// control) is plain text.
		it.Extension = []Extension{{URL: MimeTypeURL, ValueCode: ptr("image/png")},
			{URL: MimeTypeURL, ValueCode: ptr("text/plain")}}
	case forms.TypeInfo:
		it.Type = itemDisplay
	case forms.TypeTable:
		it.Type = itemGroup
		it.Repeats = ptr(true)
		for _, c := range fq.Columns {
			it.Item = append(it.Item, QuestionnaireItem{
				LinkID: columnLinkID(fq.ID, c.ID), Text: c.Label, Type: itemString,
			})
		}
	}
	// que-6: display items carry neither required nor repeats.
	if fq.Required && it.Type != itemDisplay {
		it.Required = ptr(true)
	}
	if fq.ShowIf != nil {
		if ew, ok := enableWhen(s, fq.ShowIf); ok {
			it.EnableWhen = []EnableWhen{ew}
		}
	}
	if fq.Hint != "" {
		if it.Type == itemDisplay {
			// que-1: display items cannot have child items.
			it.Extension = append(it.Extension, Extension{URL: InfoHintURL, ValueString: ptr(fq.Hint)})
		} else {
			it.Item = append(it.Item, helpItem(fq.ID, fq.Hint))
		}
	}
	exportPersonField(fq, &it)
	if it.Type == itemGroup {
		fillEmpty(&it)
	}
	return it
}

// columnLinkID is the linkId of a table column: unique across the whole
// Questionnaire because question ids are, and stripped again on import.
func columnLinkID(tableID, columnID string) string { return tableID + "." + columnID }

// helpItem is the display child that carries a hint, marked with the
// itemControl "help" code so renderers show it as help, not as a question.
func helpItem(questionID, hint string) QuestionnaireItem {
	return QuestionnaireItem{
		LinkID: questionID + helpSuffix,
		Text:   hint,
		Type:   itemDisplay,
		Extension: []Extension{{
			URL: ItemControlURL,
			ValueCodeableConcept: &CodeableConcept{Coding: []Coding{{
				System: ItemControlSystem, Code: "help", Display: "Help-Button",
			}}},
		}},
	}
}

// fillEmpty gives a group with no items a text-less display child, because
// R4 requires every group to have items (que-1). Import drops it again.
func fillEmpty(g *QuestionnaireItem) {
	if len(g.Item) == 0 {
		g.Item = []QuestionnaireItem{{LinkID: g.LinkID + emptySuffix, Type: itemDisplay}}
	}
}

// enableWhen maps a show-if condition, with the answer[x] type that matches
// the item it points at: answerBoolean for yes/no, answerDecimal for
// numbers, answerDate for dates, answerString for text and choices (whose
// options are valueString).
func enableWhen(s *forms.Schema, c *forms.Condition) (EnableWhen, bool) {
	ew := EnableWhen{Question: c.Question, Operator: "="}
	switch v := c.Equals.(type) {
	case bool:
		ew.AnswerBoolean = ptr(v)
	case float64:
		ew.AnswerDecimal = ptr(v)
	case float32:
		ew.AnswerDecimal = ptr(float64(v))
	case int:
		ew.AnswerDecimal = ptr(float64(v))
	case int64:
		ew.AnswerDecimal = ptr(float64(v))
	case string:
		if target := s.Question(c.Question); target != nil && target.Type == forms.TypeDate && isFHIRDate(v) {
			ew.AnswerDate = ptr(v)
		} else {
			ew.AnswerString = ptr(v)
		}
	default:
		return EnableWhen{}, false
	}
	return ew, true
}

// isFHIRDate reports whether v is a full date, YYYY-MM-DD.
func isFHIRDate(v string) bool {
	_, err := time.Parse(time.DateOnly, v)
	return err == nil
}

// ComputableName turns a title into a Questionnaire name that matches the
// R4 pattern [A-Z]([A-Za-z0-9_]){0,254}: ASCII letters and digits of each
// word, each word capitalised ("Trusted Assessor discharge assessment" →
// "TrustedAssessorDischargeAssessment").
func ComputableName(title string) string {
	var b strings.Builder
	upper := true
	for _, r := range title {
		if f, ok := latinFold[r]; ok {
			r = f
		}
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if upper {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			upper = false
		case r == '\'' || r == '\u2019' || unicode.IsLetter(r) || unicode.IsMark(r):
			// "person's" stays one word; letters the name cannot hold are
			// left out without splitting the word.
		default:
			upper = true
		}
	}
	name := b.String()
	if name == "" || !unicode.IsUpper(rune(name[0])) {
		name = "Q" + name
	}
	if name == "Q" {
		name = "Questionnaire"
	}
	if len(name) > 255 {
		name = name[:255]
	}
	return name
}

// latinFold maps common accented Latin letters to their ASCII base letter,
// so "Zoë" names as "Zoe" (the standard library has no Unicode folding).
var latinFold = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "àáâãäåāăą", 'A': "ÀÁÂÃÄÅĀĂĄ", 'c': "çćĉċč", 'C': "ÇĆĈĊČ", 'd': "ďđ", 'D': "ĎĐ",
		'e': "èéêëēĕėęě", 'E': "ÈÉÊËĒĔĖĘĚ", 'g': "ĝğġģ", 'G': "ĜĞĠĢ", 'i': "ìíîïĩīĭįı", 'I': "ÌÍÎÏĨĪĬĮİ",
		'l': "ĺļľŀł", 'L': "ĹĻĽĿŁ", 'n': "ñńņňŉ", 'N': "ÑŃŅŇ", 'o': "òóôõöøōŏő", 'O': "ÒÓÔÕÖØŌŎŐ",
		'r': "ŕŗř", 'R': "ŔŖŘ", 's': "śŝşš", 'S': "ŚŜŞŠ", 't': "ţťŧ", 'T': "ŢŤŦ",
		'u': "ùúûüũūŭůűų", 'U': "ÙÚÛÜŨŪŬŮŰŲ", 'y': "ýÿŷ", 'Y': "ÝŶŸ", 'z': "źżž", 'Z': "ŹŻŽ",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()
