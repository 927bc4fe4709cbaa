package server

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
)

// questionIn finds the question in the path, or refuses.
func questionIn(sc *forms.Schema, c *gin.Context) (*forms.Question, error) {
	q := sc.Question(c.Param("qid"))
	if q == nil || c.Param("qid") == "" {
		return nil, refuse("question", "That question is no longer in the draft; it may have been deleted in another window.")
	}
	return q, nil
}

// designerAddQuestion serves POST /templates/:id/draft/questions: a new
// question at the end of a section, its id made from its label; the
// question editor opens on it for the rest (options, hint, show-if).
func (s *Server) designerAddQuestion(c *gin.Context) error {
	sid, label, typ := c.PostForm("section"), strings.TrimSpace(c.PostForm("label")), c.PostForm("type")
	form := &editorForm{Kind: "add-question", Target: sid, Values: map[string]string{"label": label, "type": typ}}
	return s.changeDraft(c, form, func(sc *forms.Schema) (string, error) {
		i := slices.IndexFunc(sc.Sections, func(sec forms.Section) bool { return sec.ID == sid })
		t := forms.QuestionType(typ)
		switch {
		case i < 0:
			return "", refuse("label", "That section is no longer in the draft.")
		case label == "":
			return "", refuse("label", "Write the question as the person would say it, for example “I enjoy…”.")
		case !t.Known():
			return "", refuse("type", "Choose what kind of answer this question takes.")
		}
		q := forms.Question{ID: uniqueID(label, "question", schemaIDs(sc)), Label: label, Type: t}
		if t == forms.TypeTable {
			q.Columns = []forms.Column{{ID: "details", Label: "Details"}}
		}
		sc.Sections[i].Questions = append(sc.Sections[i].Questions, q)
		return q.ID + "#q-" + q.ID, nil
	})
}

// designerEditQuestion serves POST /templates/:id/draft/questions/:qid:
// the question editor's form. The id never changes.
func (s *Server) designerEditQuestion(c *gin.Context) error {
	f := readQuestionForm(c)
	form := &editorForm{Kind: "question", Target: c.Param("qid"), Question: &f}
	return s.changeDraft(c, form, func(sc *forms.Schema) (string, error) {
		q, err := questionIn(sc, c)
		if err != nil {
			return "", err
		}
		if err := f.apply(sc, q); err != nil {
			return "", err
		}
		return "#q-" + c.Param("qid"), nil
	})
}

// designerMoveQuestion serves POST /templates/:id/draft/questions/:qid/move:
// dir=up|down moves it past its neighbour, from the first or last place of
// a section into the one before or after; section=S&to=N (drag and drop)
// puts it at place N (0-based) of section S.
func (s *Server) designerMoveQuestion(c *gin.Context) error {
	return s.changeDraft(c, nil, func(sc *forms.Schema) (string, error) {
		q, err := questionIn(sc, c)
		if err != nil {
			return "", err
		}
		id, place := q.ID, "#q-"+q.ID
		si := slices.IndexFunc(sc.Sections, func(sec forms.Section) bool { return sec.ID == sc.SectionOf(id) })
		qi := slices.IndexFunc(sc.Sections[si].Questions, func(q forms.Question) bool { return q.ID == id })
		switch c.PostForm("dir") {
		case "up":
			if qi > 0 {
				return place, moveQuestion(sc, id, sc.Sections[si].ID, qi-1)
			} else if si > 0 {
				return place, moveQuestion(sc, id, sc.Sections[si-1].ID, -1)
			}
			return place, nil
		case "down":
			if qi < len(sc.Sections[si].Questions)-1 {
				return place, moveQuestion(sc, id, sc.Sections[si].ID, qi+1)
			} else if si < len(sc.Sections)-1 {
				return place, moveQuestion(sc, id, sc.Sections[si+1].ID, 0)
			}
			return place, nil
		}
		to, err := strconv.Atoi(c.PostForm("to"))
		if err != nil {
			return "", refuse("to", "Say where to move the question.")
		}
		return place, moveQuestion(sc, id, c.PostForm("section"), to)
	})
}

// designerDeleteQuestion serves POST /templates/:id/draft/questions/:qid/delete.
func (s *Server) designerDeleteQuestion(c *gin.Context) error {
	return s.changeDraft(c, nil, func(sc *forms.Schema) (string, error) {
		if _, err := questionIn(sc, c); err != nil {
			return "", err
		}
		sid := sc.SectionOf(c.Param("qid"))
		for i := range sc.Sections {
			sc.Sections[i].Questions = slices.DeleteFunc(sc.Sections[i].Questions,
				func(q forms.Question) bool { return q.ID == c.Param("qid") })
		}
		return "#s-" + sid, nil
	})
}

// designerApplyVoice serves POST /templates/:id/draft/questions/:qid/voice:
// the voice check's rewrite replaces the label in one click. The server
// checks the saved label again rather than trusting the page, so a label
// changed meanwhile is never overwritten with a stale suggestion.
func (s *Server) designerApplyVoice(c *gin.Context) error {
	return s.changeDraft(c, nil, func(sc *forms.Schema) (string, error) {
		q, err := questionIn(sc, c)
		if err != nil {
			return "", err
		}
		if _, suggestion, flagged := forms.CheckLabel(q.Label); flagged && suggestion != "" && q.Type != forms.TypeInfo {
			if want := c.PostForm("suggestion"); want != "" && want != suggestion {
				return "", refuse("label", "The label changed since the page was shown; look at the new suggestion and try again.")
			}
			q.Label = suggestion
		}
		return "#q-" + q.ID, nil
	})
}
