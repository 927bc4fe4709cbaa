package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/impact"
	"firstperson/models"
	"firstperson/render"
)

// impactView is what impact.html reads.
type impactView struct {
	Query       impactQuery
	Templates   []models.TemplateSummary
	Errors      map[string]string
	Report      *impactReport
	Charts      []barChart
	CSVURL      string
	VersionRows []impactVersionRow
}

// impactVersionRow is one row of the versions table, its cells written out.
type impactVersionRow struct {
	Title   string
	Version int
	Cells   []impactCell
}

type impactCell struct{ Label, Value string }

func impactVersionRows(vs []impact.VersionFigures) []impactVersionRow {
	num := func(f *float64, format func(float64) string) string {
		if f == nil {
			return ""
		}
		return format(*f)
	}
	plain := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	out := make([]impactVersionRow, 0, len(vs))
	for _, v := range vs {
		out = append(out, impactVersionRow{Title: v.Title, Version: v.Version, Cells: []impactCell{
			{"Started", strconv.Itoa(v.Started)}, {"Completed", strconv.Itoa(v.Completed)},
			{"Active minutes, median", num(v.ActiveMinutes.Median, plain)},
			{"Active, 90th percentile", num(v.ActiveMinutes.P90, plain)},
			{"Elapsed minutes, median", num(v.ElapsedMinutes.Median, plain)},
			{"Elapsed, 90th percentile", num(v.ElapsedMinutes.P90, plain)},
			{"Labels in the person's voice", num(v.LabelVoiceShare, formatShare)},
			{"Answers in the person's voice", num(v.AnswerVoiceShare, formatShare)},
			{"Conversations per assessment", num(v.ConversationsPerAssessment, plain)},
		}})
	}
	return out
}

// impactPage serves GET /impact: the figures with charts and tables.
func (s *Server) impactPage(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	q := readImpactQuery(c)
	ts, err := s.store.Templates(ctx, u.TeamID)
	if err != nil {
		return err
	}
	view := &impactView{Query: q, Templates: ts, CSVURL: "/impact.csv?" + c.Request.URL.RawQuery}
	rep, err := s.buildImpact(ctx, u.TeamID, q)
	var ve *forms.ValidationError
	if asValidation(err, &ve) {
		view.Errors = ve.Fields
		s.render(c, http.StatusUnprocessableEntity, "impact", Page{Title: "Impact", Nav: "impact", Data: view})
		return nil
	}
	if err != nil {
		return err
	}
	view.Report, view.Charts, view.VersionRows = rep, impactCharts(rep), impactVersionRows(rep.Versions)
	s.render(c, http.StatusOK, "impact", Page{Title: "Impact", Nav: "impact", Data: view})
	return nil
}

// versionName names a version in charts and tables: "Title v2".
func versionName(v impact.VersionFigures) string {
	return fmt.Sprintf("%s v%d", v.Title, v.Version)
}

func impactCharts(rep *impactReport) []barChart {
	var weeks, times, voice, talks []chartGroup
	for _, w := range rep.Weeks {
		st, co := float64(w.Started), float64(w.Completed)
		weeks = append(weeks, chartGroup{Label: "Week of " + w.Week, Values: []*float64{&st, &co}})
	}
	for _, v := range rep.Versions {
		name := versionName(v)
		times = append(times, chartGroup{Label: name, Values: []*float64{v.ActiveMinutes.Median, v.ActiveMinutes.P90,
			v.ElapsedMinutes.Median, v.ElapsedMinutes.P90}})
		voice = append(voice, chartGroup{Label: name, Values: []*float64{v.LabelVoiceShare, v.AnswerVoiceShare}})
		talks = append(talks, chartGroup{Label: name, Values: []*float64{v.ConversationsPerAssessment}})
	}
	charts := []barChart{
		newBarChart("chart-weeks", "Assessments started and completed per week",
			[]chartSeries{{"Started", "s1"}, {"Completed", "s2"}}, weeks, 0, formatCount),
		newBarChart("chart-times", "Time to complete, per version",
			[]chartSeries{{"Active, median", "s1"}, {"Active, 90th percentile", "s1 light"},
				{"Elapsed, median", "s2"}, {"Elapsed, 90th percentile", "s2 light"}}, times, 0, formatMinutes),
		newBarChart("chart-voice", "In the person's voice, per version",
			[]chartSeries{{"Question labels", "s1"}, {"Free-text answers", "s2"}}, voice, 1, formatShare),
		newBarChart("chart-conversations", "Family conversations per completed assessment",
			[]chartSeries{{"Conversations", "s1"}}, talks, 0, formatCount),
	}
	ch := rep.CareHome
	if ch.Available {
		charts = append(charts,
			newBarChart("chart-care-home-time", "Care homes: time from sharing",
				[]chartSeries{{"Median", "s1"}, {"90th percentile", "s1 light"}}, []chartGroup{
					{Label: "To first opening", Values: []*float64{ch.MinutesToFirstOpen.Median, ch.MinutesToFirstOpen.P90}},
					{Label: "To a decision", Values: []*float64{ch.MinutesToDecision.Median, ch.MinutesToDecision.P90}},
				}, 0, formatMinutes),
			newBarChart("chart-care-home-decisions", "Care homes: decisions",
				[]chartSeries{{"Share of decisions", "s2"}}, []chartGroup{
					{Label: "Accepted", Values: []*float64{ch.AcceptedShare}},
					{Label: "Questioned", Values: []*float64{ch.QuestionedShare}},
					{Label: "Declined", Values: []*float64{ch.DeclinedShare}},
				}, 1, formatShare))
	}
	return charts
}

// impactCSV serves GET /impact.csv: every figure of the page, one per row.
func (s *Server) impactCSV(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	rep, err := s.buildImpact(c.Request.Context(), u.TeamID, readImpactQuery(c))
	if err != nil {
		return err
	}
	rows := [][]string{{"section", "template_id", "template", "version", "figure", "value"}}
	add := func(section string, v *impact.VersionFigures, figure string, value *float64) {
		tid, title, n := "", "", ""
		if v != nil {
			tid, title, n = strconv.FormatUint(uint64(v.TemplateID), 10), v.Title, strconv.Itoa(v.Version)
		}
		cell := ""
		if value != nil {
			cell = strconv.FormatFloat(*value, 'f', -1, 64)
		}
		rows = append(rows, []string{section, tid, title, n, figure, cell})
	}
	count := func(n int) *float64 { f := float64(n); return &f }
	for _, w := range rep.Weeks {
		add("week "+w.Week, nil, "started", count(w.Started))
		add("week "+w.Week, nil, "completed", count(w.Completed))
	}
	for i := range rep.Versions {
		v := &rep.Versions[i]
		add("version", v, "started", count(v.Started))
		add("version", v, "completed", count(v.Completed))
		add("version", v, "active_minutes_median", v.ActiveMinutes.Median)
		add("version", v, "active_minutes_p90", v.ActiveMinutes.P90)
		add("version", v, "elapsed_minutes_median", v.ElapsedMinutes.Median)
		add("version", v, "elapsed_minutes_p90", v.ElapsedMinutes.P90)
		add("version", v, "label_voice_share", v.LabelVoiceShare)
		add("version", v, "answer_voice_share", v.AnswerVoiceShare)
		add("version", v, "conversations_per_assessment", v.ConversationsPerAssessment)
	}
	if ch := rep.CareHome; ch.Available {
		add("care_home", nil, "shared", count(ch.Shared))
		add("care_home", nil, "opened", count(ch.Opened))
		add("care_home", nil, "decided", count(ch.Decided))
		add("care_home", nil, "minutes_to_first_open_median", ch.MinutesToFirstOpen.Median)
		add("care_home", nil, "minutes_to_first_open_p90", ch.MinutesToFirstOpen.P90)
		add("care_home", nil, "minutes_to_decision_median", ch.MinutesToDecision.Median)
		add("care_home", nil, "minutes_to_decision_p90", ch.MinutesToDecision.P90)
		add("care_home", nil, "accepted_share", ch.AcceptedShare)
		add("care_home", nil, "questioned_share", ch.QuestionedShare)
		add("care_home", nil, "declined_share", ch.DeclinedShare)
	}
	body, err := render.WriteCSV(rows)
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="impact.csv"`)
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "text/csv; charset=utf-8", body)
	return nil
}

func asValidation(err error, target **forms.ValidationError) bool {
	return err != nil && errors.As(err, target)
}
