package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
)

// questionEditView is the open editor of one question.
type questionEditView struct {
	TemplateID uint
	Types      []typeChoice
	ID         string
	Form       questionForm
	Errors     map[string]string // by input name
	Sections   []forms.Section
	Earlier    []showIfChoice
	Answers    []answerChoice // what the chosen show-if question can answer, when it is a fixed set
}

// showIfChoice is an earlier question the show-if picker offers; Kind and
// Answers (JSON) let designer.js offer the right answers when it changes.
type showIfChoice struct {
	ID, Label, Kind, Answers string
}

type answerChoice struct {
	Value string `json:"value"`
	Text  string `json:"text"`
}

// toJSON encodes v for a data-* attribute designer.js reads.
func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// designerEditor serves GET /templates/:id/draft: the draft editor.
func (s *Server) designerEditor(c *gin.Context) error {
	_, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	return s.renderEditor(c, id, nil)
}

// renderEditor shows the editor with 200, or with 422 and the refused form
// as the lead left it. Without a draft it goes to the template's page.
func (s *Server) renderEditor(c *gin.Context, id uint, form *editorForm) error {
	vs, err := s.store.Versions(c.Request.Context(), currentUser(c).TeamID, id)
	if err != nil {
		return err
	}
	draft := draftOf(vs)
	if draft == nil {
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/templates/%d?done=nodraft", id))
		return nil
	}
	schema, err := draft.Schema()
	if err != nil {
		return err
	}
	edit, status := c.Query("edit"), http.StatusOK
	if form != nil {
		status = http.StatusUnprocessableEntity
		if form.Kind == "question" {
			edit = form.Target
		}
	}
	v := newEditorView(id, draft, schema, edit)
	v.Form, v.PublishRefused = form, form != nil && form.Kind == "publish"
	if q := schema.Question(edit); q != nil && edit != "" {
		v.Edit = newQuestionEdit(schema, q, form)
		v.Edit.TemplateID, v.Edit.Types = id, v.Types
	} else if form != nil && form.Kind == "question" {
		// The question is gone (deleted in another window): say so at the top.
		v.Form = &editorForm{Kind: "action", Errors: form.Errors}
	}
	s.render(c, status, "designer", Page{Title: "Edit " + schema.Title, Nav: "templates", Data: v})
	return nil
}

// newQuestionEdit prepares the question editor: the saved question or what
// the lead typed, and the messages next to each input.
func newQuestionEdit(s *forms.Schema, q *forms.Question, form *editorForm) *questionEditView {
	e := &questionEditView{ID: q.ID, Form: formOf(q, s.SectionOf(q.ID)), Sections: s.Sections,
		Errors: questionProblems(s, q.ID)}
	if form != nil && form.Kind == "question" && form.Question != nil {
		e.Form = *form.Question
		for k, msg := range form.Errors {
			e.Errors[k] = msg
		}
	}
	targets := earlierQuestions(s, q.ID)
	on := s.Question(e.Form.ShowIf)
	stray := on != nil && !slices.Contains(targets, on)
	if stray {
		targets = append(targets, on) // kept selectable, so saving keeps it; shown as a problem
	}
	for _, t := range targets {
		kind, answers := answersOf(t)
		label := t.Label
		if stray && t == on {
			label += " (not an earlier question)"
		}
		e.Earlier = append(e.Earlier, showIfChoice{ID: t.ID, Label: label, Kind: kind, Answers: toJSON(answers)})
		if t == on {
			e.Answers = answers
		}
	}
	return e
}

// answersOf says how a show-if on t is answered: from a fixed set (yes/no,
// options) or typed (text, number).
func answersOf(t *forms.Question) (kind string, answers []answerChoice) {
	switch t.Type {
	case forms.TypeYesNo:
		return "choice", []answerChoice{{"yes", "Yes"}, {"no", "No"}}
	case forms.TypeChoice, forms.TypeMultiChoice:
		for _, o := range t.Options {
			answers = append(answers, answerChoice{o, o})
		}
		return "choice", answers
	case forms.TypeNumber:
		return "number", nil
	}
	return "text", nil
}

// questionProblems returns one question's publishing problems by input
// name. Validate names a question's problems field by field only when the
// question has no usable id (with one, it joins them under the id), so it
// checks a copy with that one id blanked and reads that question's paths.
func questionProblems(s *forms.Schema, id string) map[string]string {
	out := map[string]string{}
	c := s.Clone()
	si, qi := locate(c, id)
	if qi < 0 {
		return out
	}
	c.Sections[si].Questions[qi].ID = ""
	prefix := fmt.Sprintf("sections[%d].questions[%d].", si, qi)
	var ve *forms.ValidationError
	if errors.As(c.Validate(), &ve) {
		for key, msg := range ve.Fields {
			if field, ok := strings.CutPrefix(key, prefix); ok && field != "id" {
				out[field] = msg
			}
		}
	}
	return out
}
