package server

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/impact"
	"firstperson/models"
)

// impactRoutes adds the impact page and its JSON and CSV (leads only).
func (s *Server) impactRoutes(api, pages *gin.RouterGroup) {
	api.GET("/impact", s.api(s.impactJSON))
	api.POST("/voice/answer", s.api(s.voiceAnswer)) // voice_answers.go: the tablet's answer voice check
	pages.GET("/impact", s.page(s.impactPage))
	pages.GET("/impact.csv", s.page(s.impactCSV))
}

// impactQuery is the filter as typed: template, version, from, to.
type impactQuery struct {
	Template, Version, From, To string
}

// impactReport is everything the impact page shows; the JSON of
// GET /api/v1/impact.
type impactReport struct {
	From     *string                 `json:"from"`
	To       *string                 `json:"to"`
	Versions []impact.VersionFigures `json:"versions"`
	Weeks    []impact.Week           `json:"weeks"`
	CareHome impact.CareHome         `json:"care_home"`
}

func readImpactQuery(c *gin.Context) impactQuery {
	return impactQuery{Template: strings.TrimSpace(c.Query("template")), Version: strings.TrimSpace(c.Query("version")),
		From: strings.TrimSpace(c.Query("from")), To: strings.TrimSpace(c.Query("to"))}
}

// filter checks the query; each bad field is named in a 422.
func (q impactQuery) filter() (models.ImpactFilter, error) {
	var f models.ImpactFilter
	fields := map[string]string{}
	if q.Template != "" {
		n, err := strconv.ParseUint(q.Template, 10, 32)
		if err != nil || n == 0 {
			fields["template"] = "choose a template from the list"
		}
		f.TemplateID = uint(n)
	}
	if q.Version != "" {
		n, err := strconv.Atoi(q.Version)
		if err != nil || n < 1 {
			fields["version"] = "a version is a whole number from 1"
		} else if q.Template == "" {
			fields["version"] = "choose a template to pick one of its versions"
		}
		f.Version = n
	}
	day := func(field, v string) time.Time {
		if v == "" {
			return time.Time{}
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			fields[field] = "write the date as YYYY-MM-DD"
		}
		return t
	}
	f.From = day("from", q.From)
	if to := day("to", q.To); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // the whole of the last day
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		fields["to"] = "the end date must not be before the start date"
	}
	if len(fields) > 0 {
		return f, &forms.ValidationError{Message: "the impact filter has a mistake", Fields: fields}
	}
	return f, nil
}

// buildImpact gathers and computes the figures for the team.
func (s *Server) buildImpact(ctx context.Context, teamID uint, q impactQuery) (*impactReport, error) {
	f, err := q.filter()
	if err != nil {
		return nil, err
	}
	vs, err := s.store.ImpactVersions(ctx, teamID, f)
	if err != nil {
		return nil, err
	}
	versions := make([]impact.Version, 0, len(vs))
	for i := range vs {
		schema, err := vs[i].Schema()
		if err != nil {
			return nil, err
		}
		versions = append(versions, impact.Version{TemplateID: vs[i].TemplateID, Title: vs[i].Title, Number: vs[i].Number, Schema: schema})
	}
	tallies, err := s.store.ImpactTallies(ctx, teamID, f)
	if err != nil {
		return nil, err
	}
	available, shared, err := s.store.ImpactCareHome(ctx, teamID, f)
	if err != nil {
		return nil, err
	}
	rep := &impactReport{Versions: impact.Compute(versions, tallies), Weeks: impact.Weeks(tallies),
		CareHome: impact.CareHomeFigures(available, shared)}
	if q.From != "" {
		rep.From = &q.From
	}
	if q.To != "" {
		rep.To = &q.To
	}
	return rep, nil
}

// impactJSON serves GET /api/v1/impact?template=&version=&from=&to=.
func (s *Server) impactJSON(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	rep, err := s.buildImpact(c.Request.Context(), u.TeamID, readImpactQuery(c))
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(200, rep)
	return nil
}
