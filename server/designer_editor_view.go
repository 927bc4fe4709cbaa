package server

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"firstperson/forms"
	"firstperson/models"
)

// editorForm is a designer form the server refused: which one, what the
// lead typed, and the messages by field, so the editor shows it again as
// they left it.
type editorForm struct {
	Kind     string // "title", "add-section", "section", "add-question", "question", "publish"
	Target   string // the section or question it was for
	Values   map[string]string
	Question *questionForm
	Errors   map[string]string
}

// editorView is what designer.html shows.
type editorView struct {
	TemplateID     uint
	Draft          *models.Version
	Schema         *forms.Schema
	Sections       []sectionView
	InVoice, Total int
	Flagged        []forms.VoiceFinding
	TitleProblem   string
	Problems       []problemLink
	PublishRefused bool
	Form           *editorForm
	Edit           *questionEditView
	Types          []typeChoice
}

type sectionView struct {
	Index       int
	ID, Title   string
	Problems    []string
	Questions   []questionView
	First, Last bool
}

type questionView struct {
	forms.Question
	Number      string // "2.3"
	Anchor      string // the row's HTML id
	TypeName    string
	ShowIfText  string
	Voice       *forms.VoiceFinding  // the label's finding
	VoiceParts  []forms.VoiceFinding // the hint's, options' and columns' findings
	Problems    []string
	First, Last bool // first or last question of the whole form
	Editing     bool
}

// problemLink is one line of the summary of what stops publishing.
type problemLink struct {
	Anchor, Where, Message string
}

type typeChoice struct {
	Value, Name string
}

// typeNames are the question types in the lead's words.
var typeNames = map[forms.QuestionType]string{
	forms.TypeText: "Short text", forms.TypeLongText: "Long text", forms.TypeYesNo: "Yes or no",
	forms.TypeChoice: "Choose one", forms.TypeMultiChoice: "Choose any", forms.TypeDate: "Date",
	forms.TypeNumber: "Number", forms.TypeTable: "Table (rows of answers)", forms.TypeSignature: "Signature",
	forms.TypeInfo: "Information for the assessor",
}

func typeChoices() []typeChoice {
	out := make([]typeChoice, 0, len(forms.QuestionTypes))
	for _, t := range forms.QuestionTypes {
		out = append(out, typeChoice{Value: string(t), Name: typeNames[t]})
	}
	return out
}

// Value is what a field of a form shows: what the lead typed when that
// form was refused, else the saved value.
func (v *editorView) Value(kind, target, field, saved string) string {
	if f := v.Form; f != nil && f.Kind == kind && f.Target == target {
		return f.Values[field]
	}
	return saved
}

// Err is the message for a field of a refused form, or "".
func (v *editorView) Err(kind, target, field string) string {
	if f := v.Form; f != nil && f.Kind == kind && f.Target == target {
		return f.Errors[field]
	}
	return ""
}

// Failed reports whether the refused form is this one (to keep it open).
func (v *editorView) Failed(kind, target string) bool {
	return v.Form != nil && v.Form.Kind == kind && v.Form.Target == target
}

// problemPath matches validation keys that are paths, not question ids.
var problemPath = regexp.MustCompile(`^sections\[(\d+)\](?:\.questions\[(\d+)\])?`)

// newEditorView lays the draft out for the editor: sections, questions,
// voice findings, and every problem placed next to what it is about.
func newEditorView(id uint, draft *models.Version, schema *forms.Schema, edit string) *editorView {
	v := &editorView{TemplateID: id, Draft: draft, Schema: schema, Types: typeChoices()}
	v.InVoice, v.Total = schema.VoiceCount()
	v.Flagged = schema.VoiceFindings()
	voice := map[string]*forms.VoiceFinding{}
	parts := map[string][]forms.VoiceFinding{}
	for i, f := range v.Flagged {
		switch {
		case f.Field == forms.VoiceFieldLabel:
			voice[f.QuestionID] = &v.Flagged[i]
		case f.QuestionID != "":
			parts[f.QuestionID] = append(parts[f.QuestionID], f)
		}
	}
	n := len(schema.Questions())
	seen := 0
	for si, sec := range schema.Sections {
		sv := sectionView{Index: si, ID: sec.ID, Title: sec.Title, First: si == 0, Last: si == len(schema.Sections)-1}
		for qi, q := range sec.Questions {
			seen++
			sv.Questions = append(sv.Questions, questionView{Question: q, Number: fmt.Sprintf("%d.%d", si+1, qi+1),
				Anchor:   questionAnchor(si, qi, q.ID),
				TypeName: typeNames[q.Type], ShowIfText: showIfText(schema, q.ShowIf), Voice: voice[q.ID], VoiceParts: parts[q.ID],
				First: seen == 1, Last: seen == n, Editing: edit != "" && q.ID == edit})
		}
		v.Sections = append(v.Sections, sv)
	}
	v.placeProblems(schema)
	return v
}

// placeProblems puts each of Validate's messages next to its question or
// section and lists them all, in form order, for the summary at the top.
func (v *editorView) placeProblems(schema *forms.Schema) {
	var ve *forms.ValidationError
	if err := schema.Validate(); !errors.As(err, &ve) {
		return
	}
	type placed struct {
		pos  int
		link problemLink
	}
	var all []placed
	for key, msg := range ve.Fields {
		si, qi := locate(schema, key)
		switch {
		case qi >= 0:
			q := &v.Sections[si].Questions[qi]
			q.Problems = append(q.Problems, msg)
			all = append(all, placed{si*100000 + qi + 1, problemLink{Anchor: q.Anchor,
				Where: fmt.Sprintf("Question %s “%s”", q.Number, q.Label), Message: msg}})
		case si >= 0:
			sec := &v.Sections[si]
			sec.Problems = append(sec.Problems, msg)
			all = append(all, placed{si * 100000, problemLink{Anchor: "s-" + sec.ID,
				Where: fmt.Sprintf("Section %d “%s”", si+1, sec.Title), Message: msg}})
		case key == "title":
			v.TitleProblem = msg
			all = append(all, placed{-2, problemLink{Anchor: "form-title", Where: "The form's title", Message: msg}})
		default:
			all = append(all, placed{-1, problemLink{Anchor: "sections", Where: "The form", Message: msg}})
		}
	}
	slices.SortStableFunc(all, func(a, b placed) int {
		if a.pos != b.pos {
			return a.pos - b.pos
		}
		return strings.Compare(a.link.Message, b.link.Message)
	})
	for _, p := range all {
		v.Problems = append(v.Problems, p.link)
	}
}

// locate finds the section and question a validation key is about (-1
// when it is about neither).
func locate(schema *forms.Schema, key string) (si, qi int) {
	if m := problemPath.FindStringSubmatch(key); m != nil {
		si, _ = strconv.Atoi(m[1])
		qi = -1
		if m[2] != "" {
			qi, _ = strconv.Atoi(m[2])
		}
		if si >= len(schema.Sections) || qi >= len(schema.Sections[si].Questions) {
			return -1, -1
		}
		return si, qi
	}
	for si, sec := range schema.Sections {
		for qi, q := range sec.Questions {
			if q.ID == key {
				return si, qi
			}
		}
	}
	return -1, -1
}

// questionAnchor is the HTML id of a question's row; a question without a
// usable id (only the API can save one) is found by its place.
func questionAnchor(si, qi int, id string) string {
	if id == "" || strings.ContainsAny(id, " #?/") {
		return fmt.Sprintf("q-%d-%d", si, qi)
	}
	return "q-" + id
}

// showIfText says when a question is shown, in words.
func showIfText(s *forms.Schema, c *forms.Condition) string {
	if c == nil {
		return ""
	}
	label := c.Question
	if q := s.Question(c.Question); q != nil {
		label = q.Label
	}
	value := conditionText(c.Equals)
	if b, ok := c.Equals.(bool); ok {
		value = map[bool]string{true: "Yes", false: "No"}[b]
	}
	return fmt.Sprintf("Shown when “%s” is “%s”", label, value)
}
