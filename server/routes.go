package server

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/models"
)

// autosaveRoute is the one route whose user may be read from memory
// (identify).
const autosaveRoute = "/api/v1/assessments/:id/answers"

// routes lists every route of the application in one place.
func (s *Server) routes(e *gin.Engine) {
	e.Use(s.recovery(), s.metrics.observe, s.accessLog, s.opsHeaders, limitBody, s.identify)
	e.NoRoute(s.notFound)
	e.NoMethod(func(c *gin.Context) {
		writeJSONError(c.Writer, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed", nil)
	})

	e.GET("/healthz", s.health)
	e.GET("/static/*file", s.static)
	e.GET("/login", s.loginPage)
	e.POST("/login", s.login)
	e.POST("/logout", s.logout)

	api := e.Group("/api/v1", s.requireAPIUser, s.requireOwnPassword)
	api.GET("/templates", s.api(s.listTemplates))
	api.POST("/templates", s.api(s.createTemplate))
	api.GET("/templates/:id/versions", s.api(s.templateVersions))
	api.GET("/templates/:id/versions/:n", s.api(s.templateVersion))
	api.GET("/templates/:id/versions/:n/voice", s.api(s.voice))
	api.GET("/templates/:id/draft", s.api(s.draft))
	api.PUT("/templates/:id/draft", s.api(s.saveDraft))
	api.DELETE("/templates/:id/draft", s.api(s.discardDraft))
	api.POST("/templates/:id/drafts", s.api(s.newDraftFrom))
	api.POST("/templates/:id/publish", s.api(s.publish))
	api.GET("/templates/:id/diff", s.api(s.diff))
	api.GET("/templates/:id/audit", s.api(s.templateAudit))
	api.GET("/templates/:id/versions/:n/fhir", s.api(s.templateFHIR))
	api.POST("/templates/import", s.api(s.importTemplate))

	api.GET("/assessments", s.api(s.listAssessments))
	api.POST("/assessments", s.api(s.createAssessment))
	api.GET("/assessments/:id", s.api(s.getAssessment))
	api.PATCH(strings.TrimPrefix(autosaveRoute, "/api/v1"), s.api(s.saveAnswers))
	api.POST("/assessments/:id/amendments", s.api(s.amend))
	api.POST("/assessments/:id/complete", s.api(s.complete))
	api.GET("/assessments/:id/audit", s.api(s.assessmentAudit))
	api.GET("/assessments/:id/fhir", s.api(s.assessmentFHIR))
	api.GET("/assessments/:id/pdf", s.api(s.assessmentPDF))
	api.POST("/assessments/:id/shares", s.api(s.createShare))
	api.GET("/assessments/:id/shares", s.api(s.listShares))
	api.DELETE("/shares/:token", s.api(s.revokeShare))
	s.careHomeAPIRoutes(api) // share_responses_team.go: the conversation with the care home; team contact
	s.exportRoutes(api)      // impact_exports.go: CSV and FHIR exports of a version

	// The receiving care home: no account, an unguessable expiring link.
	s.careHomeRoutes(e) // share_responses.go: /s/:token, its PDF and the home's responses

	pages := e.Group("", s.requirePageUser, s.requireOwnPassword)
	pages.GET("/", s.page(s.home))
	s.designerRoutes(pages)     // designer.go: /templates/... for team leads
	s.assessmentPages(pages)    // assessment_pages.go: /assessments/... on the tablet
	s.shareRoutes(pages)        // share_pages.go: /assessments/:id/shares
	s.careHomePageRoutes(pages) // share_responses_team.go: replies, /team/contact
	s.impactRoutes(api, pages)  // impact.go: /impact and /api/v1/impact for team leads
	s.tabletRoutes(e, pages)    // tablet.go: /tablet/key, /tablet/unlock, /team/tablet
	s.accountRoutes(pages, api) // account*.go: /account, passwords, API tokens
	s.teamRoutes(e, pages, api) // team*.go: /team people, invitations, /team/audit
	s.recordsRoutes(api, pages) // records_person.go: correcting the person, amendments
}

// notFound serves unknown paths: JSON under /api, a page elsewhere.
func (s *Server) notFound(c *gin.Context) {
	err := fmt.Errorf("no such page %s: %w", c.Request.URL.Path, models.ErrNotFound)
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		s.writeAPIError(c, err)
		return
	}
	s.renderError(c, err)
}

// home serves GET /: the signed-in start page.
func (s *Server) home(c *gin.Context) error {
	u := currentUser(c)
	ts, err := s.store.Templates(c.Request.Context(), u.TeamID)
	if err != nil {
		return err
	}
	team, err := s.store.Team(c.Request.Context(), u.TeamID)
	if err != nil {
		return err
	}
	s.render(c, http.StatusOK, "home", Page{Title: "Firstperson", Nav: "home",
		Data: map[string]any{"Team": team, "Templates": ts}})
	return nil
}
