package server

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
)

// designerTitle serves POST /templates/:id/draft/title.
func (s *Server) designerTitle(c *gin.Context) error {
	title := strings.TrimSpace(c.PostForm("title"))
	form := &editorForm{Kind: "title", Values: map[string]string{"title": title}}
	return s.changeDraft(c, form, func(sc *forms.Schema) (string, error) {
		if title == "" {
			return "", refuse("title", "Give the form a title, for example “Trusted Assessor discharge assessment”.")
		}
		sc.Title = title
		return "#form-title", nil
	})
}

// designerAddSection serves POST /templates/:id/draft/sections: a new,
// empty section at the end, its id made from its title.
func (s *Server) designerAddSection(c *gin.Context) error {
	title := strings.TrimSpace(c.PostForm("title"))
	form := &editorForm{Kind: "add-section", Values: map[string]string{"title": title}}
	return s.changeDraft(c, form, func(sc *forms.Schema) (string, error) {
		if title == "" {
			return "", refuse("title", "Give the section a title, for example “My hobbies”.")
		}
		id := uniqueID(title, "section", schemaIDs(sc))
		sc.Sections = append(sc.Sections, forms.Section{ID: id, Title: title, Questions: []forms.Question{}})
		return "#s-" + id, nil
	})
}

// sectionIndex finds the section in the path, or refuses.
func sectionIndex(sc *forms.Schema, c *gin.Context) (int, error) {
	i := slices.IndexFunc(sc.Sections, func(sec forms.Section) bool { return sec.ID == c.Param("sid") })
	if i < 0 {
		return -1, refuse("section", "That section is no longer in the draft; it may have been deleted in another window.")
	}
	return i, nil
}

// designerRenameSection serves POST /templates/:id/draft/sections/:sid; the
// section keeps its id.
func (s *Server) designerRenameSection(c *gin.Context) error {
	title := strings.TrimSpace(c.PostForm("title"))
	form := &editorForm{Kind: "section", Target: c.Param("sid"), Values: map[string]string{"title": title}}
	return s.changeDraft(c, form, func(sc *forms.Schema) (string, error) {
		i, err := sectionIndex(sc, c)
		if err != nil {
			return "", err
		}
		if title == "" {
			return "", refuse("title", "Give the section a title.")
		}
		sc.Sections[i].Title = title
		return "#s-" + sc.Sections[i].ID, nil
	})
}

// designerMoveSection serves POST /templates/:id/draft/sections/:sid/move
// with dir=up|down (the buttons) or to=N (drag and drop, 0-based).
func (s *Server) designerMoveSection(c *gin.Context) error {
	return s.changeDraft(c, nil, func(sc *forms.Schema) (string, error) {
		i, err := sectionIndex(sc, c)
		if err != nil {
			return "", err
		}
		to, err := target(c, i, len(sc.Sections))
		if err != nil {
			return "", err
		}
		sec := sc.Sections[i]
		sc.Sections = slices.Insert(slices.Delete(sc.Sections, i, i+1), to, sec)
		return "#s-" + sec.ID, nil
	})
}

// target reads where an item at index i of n moves: dir=up|down or to=N,
// kept inside the list.
func target(c *gin.Context, i, n int) (int, error) {
	to := i
	switch dir := c.PostForm("dir"); {
	case dir == "up":
		to = i - 1
	case dir == "down":
		to = i + 1
	case c.PostForm("to") != "":
		var err error
		if to, err = strconv.Atoi(c.PostForm("to")); err != nil {
			return 0, refuse("to", "Say where to move it as a position number.")
		}
	default:
		return 0, refuse("dir", "Say which way to move it.")
	}
	return max(0, min(to, n-1)), nil
}

// designerDeleteSection serves POST /templates/:id/draft/sections/:sid/delete;
// its questions go with it (the form asks first).
func (s *Server) designerDeleteSection(c *gin.Context) error {
	return s.changeDraft(c, nil, func(sc *forms.Schema) (string, error) {
		i, err := sectionIndex(sc, c)
		if err != nil {
			return "", err
		}
		sc.Sections = slices.Delete(sc.Sections, i, i+1)
		if len(sc.Sections) == 0 {
			return "#sections", nil
		}
		return "#s-" + sc.Sections[max(0, i-1)].ID, nil
	})
}
