// Package forms is the form domain: templates made of sections and
// questions, the answers an assessor gives, show-if rules, validation, the
// voice check and version comparison. It is pure Go and imports no web or
// database framework, so every rule here can be tested on its own.
package forms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// QuestionType names what kind of answer a question takes.
type QuestionType string

// The question types a template can use (CONTRACT.md, "Form schema").
const (
	TypeText        QuestionType = "text"
	TypeLongText    QuestionType = "longtext"
	TypeYesNo       QuestionType = "yesno"
	TypeChoice      QuestionType = "choice"
	TypeMultiChoice QuestionType = "multichoice"
	TypeDate        QuestionType = "date"
	TypeNumber      QuestionType = "number"
	TypeTable       QuestionType = "table"
	TypeSignature   QuestionType = "signature"
	TypeInfo        QuestionType = "info"
)

// QuestionTypes lists every type in the order the designer offers them.
var QuestionTypes = []QuestionType{
	TypeText, TypeLongText, TypeYesNo, TypeChoice, TypeMultiChoice,
	TypeDate, TypeNumber, TypeTable, TypeSignature, TypeInfo,
}

// Known reports whether t is one of the question types.
func (t QuestionType) Known() bool {
	for _, k := range QuestionTypes {
		if k == t {
			return true
		}
	}
	return false
}

// Answerable reports whether a question of this type takes an answer
// (information text does not).
func (t QuestionType) Answerable() bool { return t != TypeInfo && t.Known() }

// Schema is one version of an assessment form: its title and sections.
type Schema struct {
	Title    string    `json:"title"`
	Sections []Section `json:"sections"`
}

// Section is one page of the form, completed one at a time on the tablet.
type Section struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Questions []Question `json:"questions"`
}

// Question is one thing the form asks, written in the person's own voice.
// ID is stable across versions so answers and diffs can follow it.
type Question struct {
	ID       string       `json:"id"`
	Label    string       `json:"label"`
	Type     QuestionType `json:"type"`
	Hint     string       `json:"hint,omitempty"`
	Required bool         `json:"required,omitempty"`
	Options  []string     `json:"options,omitempty"`
	Columns  []Column     `json:"columns,omitempty"`
	ShowIf   *Condition   `json:"show_if,omitempty"`
	// PersonField binds the question to a detail of the person the
	// assessment is about ("name", "date_of_birth", "nhs_number"): it shows
	// and saves that detail, never a second copy (person_fields.go).
	PersonField string `json:"person_field,omitempty"`
	// NotFuture refuses a date question's answer after today.
	NotFuture bool `json:"not_future,omitempty"`
}

// Column is one column of a table question; each row is an object keyed by
// column id with string cells.
type Column struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Condition shows a question only when an earlier question's answer equals
// a value: a boolean for yesno, a string for text and choice (and an option
// that must be ticked for multichoice), a number for number.
type Condition struct {
	Question string `json:"question"`
	Equals   any    `json:"equals"`
}

// Answers holds an assessment's answers keyed by question id, with values as
// encoding/json decodes them: string, bool, float64, []any, map[string]any.
type Answers map[string]any

// Clone returns a deep copy of the schema (through JSON, which is exactly
// the representation that is stored).
func (s *Schema) Clone() *Schema {
	b, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("forms: marshal schema: %v", err)) // a Schema always marshals
	}
	var c Schema
	if err := json.Unmarshal(b, &c); err != nil {
		panic(fmt.Sprintf("forms: unmarshal schema: %v", err))
	}
	return &c
}

// Questions returns every question in form order, with the index of the
// section that holds it.
func (s *Schema) Questions() []*Question {
	var qs []*Question
	for si := range s.Sections {
		for qi := range s.Sections[si].Questions {
			qs = append(qs, &s.Sections[si].Questions[qi])
		}
	}
	return qs
}

// Question returns the question with the given id, or nil.
func (s *Schema) Question(id string) *Question {
	for si := range s.Sections {
		for qi := range s.Sections[si].Questions {
			if s.Sections[si].Questions[qi].ID == id {
				return &s.Sections[si].Questions[qi]
			}
		}
	}
	return nil
}

// SectionOf returns the id of the section that holds question id, or "".
func (s *Schema) SectionOf(id string) string {
	for _, sec := range s.Sections {
		for _, q := range sec.Questions {
			if q.ID == id {
				return sec.ID
			}
		}
	}
	return ""
}

// Visible reports whether the question with the given id is shown for these
// answers. A question whose show-if points at a hidden question is hidden
// too, so a chain of conditions collapses as the assessor expects.
func (s *Schema) Visible(id string, answers Answers) bool {
	// Follow the chain of show-if links; validation forbids cycles (show_if
	// must point earlier), and the seen set keeps an unvalidated schema
	// from looping forever.
	seen := map[string]bool{}
	for {
		q := s.Question(id)
		if q == nil || seen[id] {
			return false
		}
		if q.ShowIf == nil {
			return true
		}
		seen[id] = true
		if !ConditionMet(*q.ShowIf, answers[q.ShowIf.Question]) {
			return false
		}
		id = q.ShowIf.Question
	}
}

// ConditionMet reports whether an answer satisfies a show-if condition.
func ConditionMet(c Condition, answer any) bool {
	switch want := c.Equals.(type) {
	case bool:
		got, ok := answer.(bool)
		return ok && got == want
	case float64:
		got, ok := answer.(float64)
		return ok && got == want
	case string:
		switch got := answer.(type) {
		case string:
			return got == want
		case []any:
			for _, v := range got {
				if s, ok := v.(string); ok && s == want {
					return true
				}
			}
		}
	}
	return false
}

// IsEmpty reports whether an answer counts as not given: nil, blank text,
// an empty list or a table whose rows are all blank.
func IsEmpty(v any) bool {
	switch a := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(a) == ""
	case []any:
		for _, item := range a {
			if !IsEmpty(item) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, cell := range a {
			if !IsEmpty(cell) {
				return false
			}
		}
		return true
	}
	return false
}

// FormatAnswer renders an answer as plain text for people to read: the PDF,
// read-only pages and the audit trail. Tables come back one row a line with
// cells in column order; signatures as "Signed".
func FormatAnswer(q *Question, v any) string {
	if IsEmpty(v) {
		return ""
	}
	if q != nil && q.Type == TypeSignature {
		if t, ok := AsTypedSignature(v); ok {
			return t.Statement()
		}
	}
	switch a := v.(type) {
	case bool:
		if a {
			return "Yes"
		}
		return "No"
	case float64:
		return strconv.FormatFloat(a, 'f', -1, 64)
	case string:
		if q != nil && q.Type == TypeSignature {
			return "Signed"
		}
		return a
	case []any:
		var lines []string
		for _, item := range a {
			switch it := item.(type) {
			case map[string]any:
				if row := formatRow(q, it); row != "" {
					lines = append(lines, row)
				}
			default:
				if s := FormatAnswer(nil, it); s != "" {
					lines = append(lines, s)
				}
			}
		}
		sep := ", "
		if q != nil && q.Type == TypeTable {
			sep = "\n"
		}
		return strings.Join(lines, sep)
	case map[string]any:
		return formatRow(q, a)
	}
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(v)
	return strings.TrimSpace(buf.String())
}

func formatRow(q *Question, row map[string]any) string {
	var cells []string
	if q != nil && len(q.Columns) > 0 {
		for _, c := range q.Columns {
			if s := FormatAnswer(nil, row[c.ID]); s != "" {
				cells = append(cells, c.Label+": "+s)
			}
		}
		return strings.Join(cells, "; ")
	}
	keys := make([]string, 0, len(row))
	for k := range row {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if s := FormatAnswer(nil, row[k]); s != "" {
			cells = append(cells, k+": "+s)
		}
	}
	return strings.Join(cells, "; ")
}

// Person is who the assessment is about. NHSNumber is stored as ten digits
// without spaces; DateOfBirth as YYYY-MM-DD.
type Person struct {
	Name        string `json:"name"`
	NHSNumber   string `json:"nhs_number"`
	DateOfBirth string `json:"date_of_birth"`
}
