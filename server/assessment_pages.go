package server

import "github.com/gin-gonic/gin"

// assessmentPages adds the assessor's pages: the list, starting an
// assessment, and completing one section by section.
func (s *Server) assessmentPages(g *gin.RouterGroup) {}
