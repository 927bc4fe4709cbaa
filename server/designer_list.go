package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
)

// templateListView is what templates.html shows: the team's templates and
// the forms to start a new one or import one.
type templateListView struct {
	Templates any
	NewTitle  string
	NewError  string
	Import    importForm
}

// importForm is the FHIR import form as the lead left it.
type importForm struct {
	Pasted   string
	Error    string
	Problems []string
}

// renderList shows the template list with status (422 after a refused form).
func (s *Server) renderList(c *gin.Context, status int, v templateListView) error {
	ts, err := s.store.Templates(c.Request.Context(), currentUser(c).TeamID)
	if err != nil {
		return err
	}
	v.Templates = ts
	s.render(c, status, "templates", Page{Title: "Templates", Nav: "templates", Data: v})
	return nil
}

// designerList serves GET /templates: the team's templates.
func (s *Server) designerList(c *gin.Context) error {
	if _, err := lead(c); err != nil {
		return err
	}
	return s.renderList(c, http.StatusOK, templateListView{})
}

// designerCreate serves POST /templates: a new template whose draft has the
// title and one empty section, opened in the editor.
func (s *Server) designerCreate(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	title := strings.TrimSpace(c.PostForm("title"))
	if title == "" {
		return s.renderList(c, http.StatusUnprocessableEntity, templateListView{
			NewError: "Give the new form a title, for example “Community hospital discharge assessment”."})
	}
	schema := &forms.Schema{Title: title, Sections: []forms.Section{
		{ID: "about-me", Title: "About me", Questions: []forms.Question{}}}}
	v, err := s.store.CreateTemplate(c.Request.Context(), u.Actor(), schema)
	if err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/templates/%d/draft", v.TemplateID))
	return nil
}
