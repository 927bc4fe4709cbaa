package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/models"
)

// assessmentsPerPage is how many assessments the list shows at a time.
const assessmentsPerPage = 20

// assessmentListPage is what assessments.html reads.
type assessmentListPage struct {
	Items    []models.Assessment
	Query    string
	Status   string
	CareHome string // the care-home filter
	// Badges are the care-home badges by assessment id.
	Badges   map[uint]careBadge
	Page     int
	Pages    int
	Total    int64
	More     bool   // more than Counted match; Total is not exact
	Counted  int64  // how far the list counts
	Previous string // URL of the previous page, or ""
	Next     string // URL of the next page, or ""
}

// assessmentList serves GET /assessments?q=&status=&page=: the team's
// assessments, newest first, searchable by name, NHS number or reference.
func (s *Server) assessmentList(c *gin.Context) error {
	q := strings.TrimSpace(c.Query("q"))
	status := c.Query("status")
	if status != models.StatusInProgress && status != models.StatusCompleted {
		status = ""
	}
	careHome := c.Query("care_home")
	if !slices.Contains(models.CareHomeFilters, careHome) {
		careHome = ""
	}
	page, _ := strconv.Atoi(c.Query("page"))
	page = max(page, 1)
	items, total, err := s.store.Assessments(c.Request.Context(), currentUser(c).TeamID,
		models.AssessmentQuery{Search: q, Status: status, Page: page, PerPage: assessmentsPerPage, CareHome: careHome})
	if err != nil {
		return err
	}
	badges, err := s.careBadges(c, items)
	if err != nil {
		return err
	}
	l := assessmentListPage{Items: items, Query: q, Status: status, CareHome: careHome, Badges: badges, Page: page, Total: total,
		More: total > models.MaxCounted, Counted: models.MaxCounted,
		Pages: max(1, int((total+assessmentsPerPage-1)/assessmentsPerPage))}
	if page > 1 {
		l.Previous = assessmentListURL(q, status, careHome, page-1)
	}
	if page < l.Pages {
		l.Next = assessmentListURL(q, status, careHome, page+1)
	}
	s.render(c, http.StatusOK, "assessments", Page{Title: "Assessments", Nav: "assessments", Data: l})
	return nil
}

// assessmentListURL is the address of one page of the list with the same filters.
func assessmentListURL(q, status, careHome string, page int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if status != "" {
		v.Set("status", status)
	}
	if careHome != "" {
		v.Set("care_home", careHome)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/assessments"
	}
	return "/assessments?" + v.Encode()
}
