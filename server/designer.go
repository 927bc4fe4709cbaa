package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// designerRoutes adds the template designer pages (team leads only). Every
// change to a draft is a plain form POST answered with 303 back to the
// editor (or 422 with the lead's input and the message next to the field);
// designer.js adds drag-to-reorder on top.
func (s *Server) designerRoutes(g *gin.RouterGroup) {
	g.GET("/templates", s.page(s.designerList))
	g.POST("/templates", s.page(s.designerCreate))
	g.POST("/templates/import", s.page(s.designerImport))
	g.GET("/templates/:id", s.page(s.designerTemplate))
	g.GET("/templates/:id/compare", s.page(s.designerCompare))
	g.GET("/templates/:id/versions/:n/preview", s.page(s.designerPreviewVersion))
	g.POST("/templates/:id/drafts", s.page(s.designerNewDraft))
	g.POST("/templates/:id/publish", s.page(s.designerPublish))

	d := g.Group("/templates/:id/draft")
	d.GET("", s.page(s.designerEditor))
	d.GET("/preview", s.page(s.designerPreviewDraft))
	d.POST("/discard", s.page(s.designerDiscard))
	d.POST("/title", s.page(s.designerTitle))
	d.POST("/sections", s.page(s.designerAddSection))
	d.POST("/sections/:sid", s.page(s.designerRenameSection))
	d.POST("/sections/:sid/move", s.page(s.designerMoveSection))
	d.POST("/sections/:sid/delete", s.page(s.designerDeleteSection))
	d.POST("/questions", s.page(s.designerAddQuestion))
	d.POST("/questions/:qid", s.page(s.designerEditQuestion))
	d.POST("/questions/:qid/move", s.page(s.designerMoveQuestion))
	d.POST("/questions/:qid/delete", s.page(s.designerDeleteQuestion))
	d.POST("/questions/:qid/voice", s.page(s.designerApplyVoice))
}

// fetchHeader marks a change sent by designer.js: it gets a small JSON
// answer instead of a redirect to the whole editor.
const fetchHeader = "X-Designer-Fetch"

// editorURL is the editor's address, optionally with a question open for
// editing and an anchor to scroll to.
func editorURL(templateID uint, edit, anchor string) string {
	u := fmt.Sprintf("/templates/%d/draft", templateID)
	if edit != "" {
		u += "?edit=" + url.QueryEscape(edit)
	}
	if anchor != "" {
		u += "#" + anchor
	}
	return u
}

// changeDraft applies change to the draft of the template in the path and
// answers 303 to the editor at the place change returns. When change
// refuses the lead's input with a *forms.ValidationError, the editor is
// shown again with 422, what they typed (form) and the messages.
func (s *Server) changeDraft(c *gin.Context, form *editorForm, change func(*forms.Schema) (place string, err error)) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	var place string
	v, err := s.store.EditDraft(c.Request.Context(), u.Actor(), id, func(sc *forms.Schema) error {
		var err error
		place, err = change(sc)
		return err
	})
	var ve *forms.ValidationError
	switch {
	case c.GetHeader(fetchHeader) != "":
		if err != nil {
			s.writeAPIError(c, err)
			return nil
		}
		c.JSON(http.StatusOK, gin.H{"saved_at": v.UpdatedAt})
		return nil
	case errors.As(err, &ve):
		if form == nil { // a button, not a form: the message goes at the top
			form = &editorForm{Kind: "action"}
		}
		form.Errors = ve.Fields
		return s.renderEditor(c, id, form)
	case err != nil:
		return err
	}
	edit, anchor, _ := strings.Cut(place, "#")
	c.Redirect(http.StatusSeeOther, editorURL(id, edit, anchor))
	return nil
}

// refuse is the error for designer input the lead must correct; field names
// the form field the message goes next to.
func refuse(field, message string) error {
	return &forms.ValidationError{Message: "please check what you entered",
		Fields: map[string]string{field: message}}
}

// teamTemplate reads the template id from the path and the versions of the
// lead's team's template, newest first (another team's is not found).
func (s *Server) teamTemplate(c *gin.Context) (*models.User, uint, []models.Version, error) {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return nil, 0, nil, err
	}
	vs, err := s.store.Versions(c.Request.Context(), u.TeamID, id)
	return u, id, vs, err
}

// draftOf returns the draft among versions, or nil.
func draftOf(vs []models.Version) *models.Version {
	for i := range vs {
		if vs[i].Status == models.StatusDraft {
			return &vs[i]
		}
	}
	return nil
}
