package server

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
)

// questionForm is the question editor's form as the lead typed it. The
// field names are the form's input names, so messages keyed by them land
// next to the right input.
type questionForm struct {
	Label, Type, Hint  string
	Required           bool
	Options, Columns   string // one a line
	Section            string // the section id to keep or move it to
	ShowIf, ShowIfWhen string // the earlier question's id, and its answer
}

func readQuestionForm(c *gin.Context) questionForm {
	return questionForm{
		Label: strings.TrimSpace(c.PostForm("label")), Type: c.PostForm("type"),
		Hint: strings.TrimSpace(c.PostForm("hint")), Required: c.PostForm("required") != "",
		Options: c.PostForm("options"), Columns: c.PostForm("columns"), Section: c.PostForm("section"),
		ShowIf: c.PostForm("show_if"), ShowIfWhen: strings.TrimSpace(c.PostForm("show_if_value")),
	}
}

// formOf fills the form from a saved question.
func formOf(q *forms.Question, section string) questionForm {
	f := questionForm{Label: q.Label, Type: string(q.Type), Hint: q.Hint, Required: q.Required,
		Options: strings.Join(q.Options, "\n"), Section: section}
	labels := make([]string, len(q.Columns))
	for i, col := range q.Columns {
		labels[i] = col.Label
	}
	f.Columns = strings.Join(labels, "\n")
	if q.ShowIf != nil {
		f.ShowIf, f.ShowIfWhen = q.ShowIf.Question, conditionText(q.ShowIf.Equals)
	}
	return f
}

// conditionText writes a show-if value the way the form shows it.
func conditionText(v any) string {
	switch x := v.(type) {
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	}
	return ""
}

// lines splits a textarea into its non-blank, trimmed lines.
func lines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// apply writes the form into question q of schema s (its id never
// changes) and moves it when the section changed. It refuses only what a
// form cannot express — a blank label, an unknown type, a show-if on a
// question that is not earlier or an answer that question cannot give; a
// choice with one option and the like is saved and shown as a problem,
// because a draft is work in progress.
func (f questionForm) apply(s *forms.Schema, q *forms.Question) error {
	t := forms.QuestionType(f.Type)
	switch {
	case f.Label == "":
		return refuse("label", "Write the question as the person would say it, for example “My name”.")
	case !t.Known():
		return refuse("type", "Choose what kind of answer this question takes.")
	}
	next := forms.Question{ID: q.ID, Label: f.Label, Type: t, Hint: f.Hint, Required: f.Required && t.Answerable()}
	// The form does not edit these (set through the schema API): keep them
	// while the type still allows them.
	if t == q.Type {
		next.PersonField = q.PersonField
	}
	next.NotFuture = q.NotFuture && t == forms.TypeDate
	if t == forms.TypeChoice || t == forms.TypeMultiChoice {
		next.Options = lines(f.Options)
	}
	if t == forms.TypeTable {
		next.Columns = columnIDs(lines(f.Columns), q.Columns)
	}
	switch {
	case f.ShowIf == "":
	case q.ShowIf != nil && q.ShowIf.Question == f.ShowIf && conditionText(q.ShowIf.Equals) == f.ShowIfWhen:
		// Unchanged: kept as it is even when a move made it point later,
		// which the editor shows as a problem rather than refusing the save.
		next.ShowIf = q.ShowIf
	default:
		cond, err := showIfCondition(s, q.ID, f.ShowIf, f.ShowIfWhen)
		if err != nil {
			return err
		}
		next.ShowIf = cond
	}
	*q = next
	if f.Section != "" && f.Section != s.SectionOf(q.ID) {
		return moveQuestion(s, q.ID, f.Section, -1)
	}
	return nil
}

// dependable reports whether a question's answer can decide a show-if.
func dependable(t forms.QuestionType) bool {
	switch t {
	case forms.TypeYesNo, forms.TypeChoice, forms.TypeMultiChoice, forms.TypeText, forms.TypeLongText, forms.TypeNumber:
		return true
	}
	return false
}

// earlierQuestions lists the questions before id in form order that a
// show-if may depend on (all of them when id is not in the form).
func earlierQuestions(s *forms.Schema, id string) []*forms.Question {
	var out []*forms.Question
	for _, q := range s.Questions() {
		if q.ID == id {
			break
		}
		if dependable(q.Type) {
			out = append(out, q)
		}
	}
	return out
}

// showIfCondition builds the condition "show when question `on` is
// answered `when`", with the value of the kind that question's answer has.
func showIfCondition(s *forms.Schema, id, on, when string) (*forms.Condition, error) {
	i := slices.IndexFunc(earlierQuestions(s, id), func(q *forms.Question) bool { return q.ID == on })
	if i < 0 {
		return nil, refuse("show_if", "Choose an earlier question: a question can only depend on one above it.")
	}
	target := s.Question(on)
	switch target.Type {
	case forms.TypeYesNo:
		switch strings.ToLower(when) {
		case "yes", "true":
			return &forms.Condition{Question: on, Equals: true}, nil
		case "no", "false":
			return &forms.Condition{Question: on, Equals: false}, nil
		}
		return nil, refuse("show_if_value", "Choose Yes or No.")
	case forms.TypeNumber:
		n, err := strconv.ParseFloat(when, 64)
		if err != nil || n != n {
			return nil, refuse("show_if_value", "Write a number, for example 2.")
		}
		return &forms.Condition{Question: on, Equals: n}, nil
	case forms.TypeChoice, forms.TypeMultiChoice:
		if !slices.Contains(target.Options, when) {
			return nil, refuse("show_if_value", "Choose one of the options of “"+target.Label+"”.")
		}
	default:
		if when == "" {
			return nil, refuse("show_if_value", "Write the answer that shows this question.")
		}
	}
	return &forms.Condition{Question: on, Equals: when}, nil
}

// moveQuestion takes question id out of its section and puts it into
// section `to` at index at (-1 or past the end: last).
func moveQuestion(s *forms.Schema, id, to string, at int) error {
	ti := slices.IndexFunc(s.Sections, func(sec forms.Section) bool { return sec.ID == to })
	if ti < 0 {
		return refuse("section", "Choose one of the form's sections.")
	}
	var q forms.Question
	found := false
	for si := range s.Sections {
		qs := s.Sections[si].Questions
		if qi := slices.IndexFunc(qs, func(q forms.Question) bool { return q.ID == id }); qi >= 0 {
			q, found = qs[qi], true
			s.Sections[si].Questions = slices.Delete(qs, qi, qi+1)
			break
		}
	}
	if !found {
		return refuse("section", "That question is no longer in the draft.")
	}
	qs := s.Sections[ti].Questions
	if at < 0 || at > len(qs) {
		at = len(qs)
	}
	s.Sections[ti].Questions = slices.Insert(qs, at, q)
	return nil
}
