package server

import "github.com/gin-gonic/gin"

// designerRoutes adds the template designer pages (team leads only).
func (s *Server) designerRoutes(g *gin.RouterGroup) {}
