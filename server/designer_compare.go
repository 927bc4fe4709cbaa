package server

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// compareView is what compare.html shows: two versions side by side.
type compareView struct {
	TemplateID  uint
	Title       string
	Versions    []models.Version
	From, To    int
	Diff        *forms.VersionDiff
	Rows        []compareRow
	OnlyChanges bool
	Error       string
}

// compareRow is a section heading or one question in both versions (Old or
// New is nil when it is only in one).
type compareRow struct {
	Header             bool
	OldTitle, NewTitle string
	Note               string // about a section: new, removed, renamed, moved
	Old, New           *compareCell
	Kinds              []string
	Fields             []string
	MovedFrom          string // the section title it was in, when it moved there
}

// compareCell is one question as a version has it.
type compareCell struct {
	Label, Type, Hint, ShowIf string
	Required                  bool
	Options, Columns          []string
}

// fieldNames name what changed about a question, in the lead's words.
var fieldNames = map[string]string{"type": "type of answer", "hint": "hint", "required": "required",
	"options": "options", "columns": "columns", "show_if": "when it is shown", "position": "place"}

// designerCompare serves GET /templates/:id/compare?from=A&to=B (the
// newest version and the one before when left out).
func (s *Server) designerCompare(c *gin.Context) error {
	_, id, vs, err := s.teamTemplate(c)
	if err != nil {
		return err
	}
	v := &compareView{TemplateID: id, Title: vs[0].Title, Versions: vs, OnlyChanges: c.Query("changes") == "only"}
	v.To, v.From = vs[0].Number, vs[min(1, len(vs)-1)].Number
	if q := c.Query("to"); q != "" {
		v.To, _ = strconv.Atoi(q)
	}
	if q := c.Query("from"); q != "" {
		v.From, _ = strconv.Atoi(q)
	}
	find := func(n int) *models.Version {
		i := slices.IndexFunc(vs, func(v models.Version) bool { return v.Number == n })
		if i < 0 {
			return nil
		}
		return &vs[i]
	}
	from, to := find(v.From), find(v.To)
	if from == nil || to == nil {
		v.Error = "Choose two versions of this template to compare."
		s.render(c, http.StatusUnprocessableEntity, "compare", Page{Title: "Compare versions", Nav: "templates", Data: v})
		return nil
	}
	a, err := from.Schema()
	if err != nil {
		return err
	}
	b, err := to.Schema()
	if err != nil {
		return err
	}
	d := forms.Diff(a, b)
	v.Diff, v.Rows = &d, compareRows(a, b, d, v.OnlyChanges)
	s.render(c, http.StatusOK, "compare", Page{Title: "Compare versions", Nav: "templates", Data: v})
	return nil
}

func cellOf(s *forms.Schema, q *forms.Question) *compareCell {
	if q == nil {
		return nil
	}
	c := &compareCell{Label: q.Label, Type: typeNames[q.Type], Hint: q.Hint, Required: q.Required,
		Options: q.Options, ShowIf: showIfText(s, q.ShowIf)}
	for _, col := range q.Columns {
		c.Columns = append(c.Columns, col.Label)
	}
	return c
}
