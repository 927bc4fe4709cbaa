package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// maxNoteLen matches the JSON API's limit on a publishing note.
const maxNoteLen = 2000

// designerPublish serves POST /templates/:id/publish: the draft becomes a
// frozen version with the lead's note. A draft with problems is refused
// with 422: the editor again, each problem next to its question and all of
// them in a summary at the top.
func (s *Server) designerPublish(c *gin.Context) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	note := strings.TrimSpace(c.PostForm("note"))
	form := &editorForm{Kind: "publish", Values: map[string]string{"note": note}, Errors: map[string]string{}}
	if utf8.RuneCountInString(note) > maxNoteLen {
		form.Errors["note"] = fmt.Sprintf("Keep the note under %d characters.", maxNoteLen)
		return s.renderEditor(c, id, form)
	}
	v, err := s.store.Publish(c.Request.Context(), u.Actor(), id, note)
	var ve *forms.ValidationError
	switch {
	case errors.As(err, &ve):
		return s.renderEditor(c, id, form)
	case errors.Is(err, models.ErrConflict): // no draft: discarded or published in another window
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/templates/%d?done=nodraft", id))
		return nil
	case err != nil:
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/templates/%d?published=%d", id, v.Number))
	return nil
}

// designerDiscard serves POST /templates/:id/draft/discard.
func (s *Server) designerDiscard(c *gin.Context) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	if err := s.store.DiscardDraft(c.Request.Context(), u.Actor(), id); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/templates/%d?done=discarded", id))
	return nil
}

// designerNewDraft serves POST /templates/:id/drafts with from=N: a new
// draft that starts as a copy of version N (the newest when N is left
// out). With a draft already there, the page says to discard it first.
func (s *Server) designerNewDraft(c *gin.Context) error {
	u, id, err := leadAndTemplate(c)
	if err != nil {
		return err
	}
	from := 0
	if f := c.PostForm("from"); f != "" {
		if from, err = strconv.Atoi(f); err != nil || from < 1 {
			return fmt.Errorf("version %q: %w", f, models.ErrNotFound)
		}
	}
	_, err = s.store.NewDraftFrom(c.Request.Context(), u.Actor(), id, from)
	if errors.Is(err, models.ErrConflict) {
		v, lerr := s.loadTemplateView(c, u.TeamID, id)
		if lerr != nil {
			return lerr
		}
		v.Error = "This template already has a draft. Carry on editing it, or discard it first to start again from another version."
		s.render(c, http.StatusConflict, "template", Page{Title: v.Title, Nav: "templates", Data: v})
		return nil
	}
	if err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, editorURL(id, "", ""))
	return nil
}
