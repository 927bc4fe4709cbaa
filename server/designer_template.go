package server

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"firstperson/forms/fhir"
	"firstperson/models"
)

// templateView is what template.html shows: a template and its versions.
type templateView struct {
	ID          uint
	Title       string
	Draft       *versionRow
	Versions    []versionRow // newest first, the draft included
	Published   []versionRow // for the compare form
	Latest      int          // newest published version, 0 when none
	Assessments int64
	Warnings    []fhir.ImportWarning
	Imported    bool
	Error       string
}

// versionRow is one line of the version history.
type versionRow struct {
	models.Version
	PublishedBy string
	Assessments int64
	Previous    int // the version before, for "compare with previous"
}

// loadTemplateView gathers a template's versions with who published each
// and how many assessments are pinned to it.
func (s *Server) loadTemplateView(c *gin.Context, teamID, id uint) (*templateView, error) {
	ctx := c.Request.Context()
	vs, err := s.store.Versions(ctx, teamID, id)
	if err != nil {
		return nil, err
	}
	counts, err := s.store.AssessmentsByVersion(ctx, teamID, id)
	if err != nil {
		return nil, err
	}
	v := &templateView{ID: id}
	names := map[uint]string{}
	for i, ver := range vs {
		row := versionRow{Version: ver, Assessments: counts[ver.Number]}
		if i+1 < len(vs) {
			row.Previous = vs[i+1].Number
		}
		if p := ver.PublishedBy; p != nil {
			if _, ok := names[*p]; !ok {
				names[*p] = "someone no longer here"
				if u, err := s.store.User(ctx, *p); err == nil {
					names[*p] = u.Name
				}
			}
			row.PublishedBy = names[*p]
		}
		v.Assessments += row.Assessments
		if v.Title == "" {
			v.Title = ver.Title
		}
		if ver.Status == models.StatusDraft {
			v.Draft = &row
		} else {
			v.Published = append(v.Published, row)
			if v.Latest == 0 {
				v.Latest = ver.Number
			}
		}
		v.Versions = append(v.Versions, row)
	}
	return v, nil
}

// doneMessages are the confirmations a redirect to the template page asks
// for by name (?done=…); nothing from the URL is shown as it is.
var doneMessages = map[string]string{
	"discarded": "The draft is discarded. The published versions are as they were.",
	"nodraft":   "This template has no draft. Start one from any version below.",
}

// designerTemplate serves GET /templates/:id: the template's versions.
func (s *Server) designerTemplate(c *gin.Context) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	v, err := s.loadTemplateView(c, u.TeamID, id)
	if err != nil {
		return err
	}
	flash := doneMessages[c.Query("done")]
	if n, err := strconv.Atoi(c.Query("published")); err == nil && n > 0 {
		flash = fmt.Sprintf("Version %d is published. New assessments use it from now on; "+
			"assessments already under way stay on the version they started on.", n)
	}
	s.render(c, http.StatusOK, "template", Page{Title: v.Title, Nav: "templates", Flash: flash, Data: v})
	return nil
}
