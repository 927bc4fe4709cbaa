package server

import "github.com/gin-gonic/gin"

// recordsPages adds the pages for correcting a record.
func (s *Server) recordsPages(g *gin.RouterGroup) {}
