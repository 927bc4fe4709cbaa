package server

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"firstperson/models"
)

// confirmRevoke shows the shares page asking to confirm the revocation of
// one of the assessment's links (nothing changes until confirmed).
func (s *Server) confirmRevoke(c *gin.Context, a *models.Assessment, shareID uint) error {
	links, err := s.store.Shares(c.Request.Context(), currentUser(c).TeamID, a.ID)
	if err != nil {
		return err
	}
	for i := range links {
		if links[i].ID == shareID {
			return s.renderShares(c, http.StatusOK, sharesPage{Confirm: &links[i]})
		}
	}
	return fmt.Errorf("share link %d: %w", shareID, models.ErrNotFound)
}
