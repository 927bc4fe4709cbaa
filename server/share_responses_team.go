package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// careHomeAPIRoutes adds the team's side of the care-home conversation.
func (s *Server) careHomeAPIRoutes(api *gin.RouterGroup) {
	api.GET("/assessments/:id/responses", s.api(s.listResponses))
	api.POST("/assessments/:id/responses", s.api(s.replyToHome))
}

// careHomePageRoutes adds the pages for the care-home conversation.
func (s *Server) careHomePageRoutes(g *gin.RouterGroup) {
}

// listResponses serves GET /api/v1/assessments/:id/responses, oldest first.
func (s *Server) listResponses(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	rs, err := s.store.ShareResponses(c.Request.Context(), currentUser(c).TeamID, id)
	if err != nil {
		return err
	}
	out := make([]gin.H, 0, len(rs))
	for _, r := range rs {
		out = append(out, responseJSON(r))
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// replyToHome serves POST /api/v1/assessments/:id/responses {"message"}.
func (s *Server) replyToHome(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Message string `json:"message"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	r, err := s.store.ReplyToCareHome(c.Request.Context(), currentUser(c).Actor(), id, body.Message, c.ClientIP())
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, responseJSON(*r))
	return nil
}
