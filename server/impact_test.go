package server

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"firstperson/forms"
)

// impactJSONOut is GET /api/v1/impact as a client reads it.
type impactJSONOut struct {
	Versions []struct {
		TemplateID    uint     `json:"template_id"`
		Version       int      `json:"version"`
		Started       int      `json:"started"`
		Completed     int      `json:"completed"`
		Active        minutes  `json:"active_minutes"`
		Elapsed       minutes  `json:"elapsed_minutes"`
		LabelVoice    *float64 `json:"label_voice_share"`
		AnswerVoice   *float64 `json:"answer_voice_share"`
		Conversations *float64 `json:"conversations_per_assessment"`
		Weeks         []struct {
			Week      string `json:"week"`
			Started   int    `json:"started"`
			Completed int    `json:"completed"`
		} `json:"weeks"`
	} `json:"versions"`
	CareHome struct {
		Available bool     `json:"available"`
		Shared    int      `json:"shared"`
		Opened    int      `json:"opened"`
		Decided   int      `json:"decided"`
		ToOpen    minutes  `json:"minutes_to_first_open"`
		ToDecide  minutes  `json:"minutes_to_decision"`
		Accepted  *float64 `json:"accepted_share"`
		Questions *float64 `json:"questioned_share"`
		Declined  *float64 `json:"declined_share"`
	} `json:"care_home"`
}

type minutes struct {
	Median *float64 `json:"median"`
	P90    *float64 `json:"p90"`
}

func num(f *float64) string {
	if f == nil {
		return "null"
	}
	return fmt.Sprint(*f)
}

func (m minutes) String() string { return num(m.Median) + "/" + num(m.P90) }

// conversations returns n rows of the family conversations table.
func conversations(n int) []any {
	var rows []any
	for i := 0; i < n; i++ {
		rows = append(rows, map[string]any{"who": fmt.Sprintf("Relative %d", i+1), "how": "Phone"})
	}
	return rows
}

// scriptImpact plays the save timelines the expected figures below are
// worked out from (all times UTC, Monday 2 November 2026).
//
//	A  start 09:00, saves 09:02 09:04 09:20 09:23, complete 09:24
//	   gaps 2 2 16 3 1 → active 2+2+3+1 = 8 (16 is a pause); elapsed 24
//	B  start 10:00, saves 10:05 10:09, complete 10:10
//	   gaps 5 4 1 → active 4+1 = 5 (exactly 5 is a pause); elapsed 10
//	C  start 11:00, save 11:01, complete 13:00
//	   gaps 1 119 → active 1; elapsed 120
//	D  start 14:00, save 14:03, never completed (not in the times)
//	E  start Tuesday 10 November 09:00, nothing saved
//
// Active [1 5 8]: median 5, p90 at rank 0.9×2 = 1.8 → 5 + 0.8×3 = 7.4.
// Elapsed [10 24 120]: median 24, p90 → 24 + 0.8×96 = 100.8.
func scriptImpact(t *testing.T, app *testApp, clk *testClock) (a, b, c uint) {
	t.Helper()
	day := func(h, m int) time.Time { return time.Date(2026, 11, 2, h, m, 0, 0, time.UTC) }
	full := func(extra map[string]any) map[string]any {
		out := fullAnswers()
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	a = app.startAt(clk, day(9, 0))
	r := app.saveAt(clk, day(9, 2), a, 0, full(map[string]any{"what-matters-most": "draft 1"}))
	r = app.saveAt(clk, day(9, 4), a, r, map[string]any{"what-matters-most": "draft 2"})
	r = app.saveAt(clk, day(9, 20), a, r, map[string]any{"what-matters-most": "draft 3"})
	app.saveAt(clk, day(9, 23), a, r, map[string]any{"what-matters-most": "She likes the window",
		"family-conversations": conversations(2)})
	app.completeAt(clk, day(9, 24), a)

	b = app.startAt(clk, day(10, 0))
	r = app.saveAt(clk, day(10, 5), b, 0, full(map[string]any{"what-matters-most": "draft"}))
	app.saveAt(clk, day(10, 9), b, r, map[string]any{"what-matters-most": "I like the window",
		"family-conversations": conversations(1)})
	app.completeAt(clk, day(10, 10), b)

	c = app.startAt(clk, day(11, 0))
	app.saveAt(clk, day(11, 1), c, 0, full(map[string]any{"what-matters-most": "My garden"}))
	app.completeAt(clk, day(13, 0), c)

	d := app.startAt(clk, day(14, 0))
	app.saveAt(clk, day(14, 3), d, 0, map[string]any{"what-matters-most": "The patient prefers tea",
		"family-conversations": conversations(4)})

	app.startAt(clk, time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC))
	return a, b, c
}

func TestImpactFiguresFromScriptedTimelines(t *testing.T) {
	app, clk, _ := newClockApp(t, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	scriptImpact(t, app, clk)

	var out impactJSONOut
	app.json("GET", "/api/v1/impact", app.lead, nil, http.StatusOK, &out)
	if len(out.Versions) != 1 {
		t.Fatalf("versions = %d, want 1", len(out.Versions))
	}
	v := out.Versions[0]
	if v.TemplateID != app.template || v.Version != 1 || v.Started != 5 || v.Completed != 3 {
		t.Errorf("counts = %+v", v)
	}
	if got := v.Active.String(); got != "5/7.4" {
		t.Errorf("active minutes median/p90 = %s, want 5/7.4", got)
	}
	if got := v.Elapsed.String(); got != "24/100.8" {
		t.Errorf("elapsed minutes median/p90 = %s, want 24/100.8", got)
	}
	// Free-text answers: A, B and C have assessor-name, recommendation
	// (both in voice) and what-matters-most; D has only what-matters-most.
	// (my-name is the person's name, bound to their details: not a free
	// text.) A's "She likes the window" and D's "The patient prefers tea"
	// speak about the person: 8 of 10 → 0.8.
	if num(v.AnswerVoice) != "0.8" {
		t.Errorf("answer voice share = %s, want 0.8", num(v.AnswerVoice))
	}
	// Conversations of completed assessments: 2 + 1 + 0 over 3 = 1.
	if num(v.Conversations) != "1" {
		t.Errorf("conversations per assessment = %s, want 1", num(v.Conversations))
	}
	if num(v.LabelVoice) != "1" {
		t.Errorf("label voice share of the default template = %s, want 1", num(v.LabelVoice))
	}
	weeks := fmt.Sprint(v.Weeks)
	if weeks != "[{2026-11-02 4 3} {2026-11-09 1 0}]" {
		t.Errorf("weeks = %s", weeks)
	}
	if out.CareHome.Available && out.CareHome.Shared != 0 {
		t.Errorf("care home with nothing shared = %+v", out.CareHome)
	}

	// A range holding only E: one assessment, nothing completed.
	app.json("GET", "/api/v1/impact?from=2026-11-09&to=2026-11-15", app.lead, nil, http.StatusOK, &out)
	v = out.Versions[0]
	if v.Started != 1 || v.Completed != 0 || v.Active.String() != "null/null" || v.Elapsed.String() != "null/null" ||
		v.Conversations != nil || v.AnswerVoice != nil {
		t.Errorf("range with one in-progress assessment = %+v", v)
	}
	// A range with none: the version is listed with nothing to measure.
	app.json("GET", "/api/v1/impact?from=2027-01-01&to=2027-01-31", app.lead, nil, http.StatusOK, &out)
	v = out.Versions[0]
	if v.Started != 0 || v.Completed != 0 || v.Active.Median != nil || len(v.Weeks) != 0 || v.LabelVoice == nil {
		t.Errorf("range with none = %+v", v)
	}
}

func TestImpactComparesVersions(t *testing.T) {
	app, clk, _ := newClockApp(t, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	scriptImpact(t, app, clk)

	// Version 2 words one label about the person and is quicker: one
	// assessment, saves at +1 and +2, complete at +3 → active 3, elapsed 3.
	schema := forms.DefaultTemplate()
	schema.Sections[0].Questions[0].Label = "Patient's name"
	clk.set(time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC))
	app.json("PUT", fmt.Sprintf("/api/v1/templates/%d/draft", app.template), app.lead, schema, http.StatusOK, nil)
	app.json("POST", fmt.Sprintf("/api/v1/templates/%d/publish", app.template), app.lead, map[string]any{"note": "v2"}, http.StatusOK, nil)
	at := func(m int) time.Time { return time.Date(2026, 11, 20, 9, m, 0, 0, time.UTC) }
	f := app.startAt(clk, at(0))
	r := app.saveAt(clk, at(1), f, 0, fullAnswers())
	app.saveAt(clk, at(2), f, r, map[string]any{"good-day": "Sun on my face"})
	app.completeAt(clk, at(3), f)

	var out impactJSONOut
	app.json("GET", fmt.Sprintf("/api/v1/impact?template=%d", app.template), app.lead, nil, http.StatusOK, &out)
	if len(out.Versions) != 2 || out.Versions[0].Version != 1 || out.Versions[1].Version != 2 {
		t.Fatalf("versions = %+v", out.Versions)
	}
	v2 := out.Versions[1]
	if v2.Started != 1 || v2.Completed != 1 || v2.Active.String() != "3/3" || v2.Elapsed.String() != "3/3" {
		t.Errorf("version 2 = %+v active %s elapsed %s", v2, v2.Active, v2.Elapsed)
	}
	answerable := 0
	for _, q := range schema.Questions() {
		if q.Type.Answerable() {
			answerable++
		}
	}
	want := fmt.Sprint(float64(int(float64(answerable-1)/float64(answerable)*1000+0.5)) / 1000)
	if num(v2.LabelVoice) != want || num(out.Versions[0].LabelVoice) != "1" {
		t.Errorf("label voice shares = %s, %s; want 1 and %s (%d labels)", num(out.Versions[0].LabelVoice), num(v2.LabelVoice), want, answerable)
	}
	// One version only.
	app.json("GET", fmt.Sprintf("/api/v1/impact?template=%d&version=1", app.template), app.lead, nil, http.StatusOK, &out)
	if len(out.Versions) != 1 || out.Versions[0].Version != 1 || out.Versions[0].Started != 5 {
		t.Errorf("version filter = %+v", out.Versions)
	}
}

func TestImpactAccessAndBadFilters(t *testing.T) {
	app := newTestApp(t)
	app.fail("GET", "/api/v1/impact", app.assessor, nil, http.StatusForbidden)
	app.fail("GET", "/api/v1/impact", "", nil, http.StatusUnauthorized)
	// A team with no assessments: its own default template is listed with
	// nothing started and nothing to measure; care-home figures empty.
	var out impactJSONOut
	app.json("GET", "/api/v1/impact", app.other, nil, http.StatusOK, &out)
	if out.CareHome.Shared != 0 {
		t.Errorf("empty team = %+v", out)
	}
	for _, v := range out.Versions {
		if v.TemplateID == app.template || v.Started != 0 || v.Completed != 0 || v.Active.String() != "null/null" ||
			v.Elapsed.String() != "null/null" || v.AnswerVoice != nil || v.Conversations != nil {
			t.Errorf("empty team version = %+v", v)
		}
	}
	// Another team's template is simply not theirs: nothing is listed.
	app.json("GET", fmt.Sprintf("/api/v1/impact?template=%d", app.template), app.other, nil, http.StatusOK, &out)
	if len(out.Versions) != 0 {
		t.Errorf("another team's template leaked: %+v", out.Versions)
	}
	e := app.fail("GET", "/api/v1/impact?from=2026-13-01&to=yesterday&version=x&template=-1", app.lead, nil, http.StatusUnprocessableEntity)
	for _, f := range []string{"from", "to", "version", "template"} {
		if e.Error.Fields[f] == "" {
			t.Errorf("bad %s not named: %v", f, e.Error.Fields)
		}
	}
	e = app.fail("GET", "/api/v1/impact?from=2026-12-01&to=2026-11-01", app.lead, nil, http.StatusUnprocessableEntity)
	if e.Error.Fields["to"] == "" {
		t.Errorf("backwards range not refused: %v", e.Error.Fields)
	}
}

func TestImpactCareHome(t *testing.T) {
	app, clk, path := newClockApp(t, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	a, b, c := scriptImpact(t, app, clk)
	db := careHomeDB(t, path)
	share := func(id uint, at time.Time) {
		clk.set(at)
		app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", id), app.assessor,
			map[string]any{"recipient": "Rosewood House", "expires_in_hours": 72}, http.StatusCreated, nil)
	}
	opened := func(id uint, at time.Time) {
		if err := db.Exec(`UPDATE share_links SET first_opened_at = ? WHERE assessment_id = ?`, at, id).Error; err != nil {
			t.Fatal(err)
		}
	}
	respond := func(id uint, at time.Time, from, decision string) {
		err := db.Exec(`INSERT INTO share_responses (assessment_id, at, from_party, decision, name, role, message)
			VALUES (?, ?, ?, ?, 'Mo Manager', 'Manager', 'Thank you')`, id, at, from, decision).Error
		if err != nil {
			t.Fatal(err)
		}
	}
	d3 := func(day, h, m int) time.Time { return time.Date(2026, 11, day, h, m, 0, 0, time.UTC) }
	// A: shared 3 Nov 09:00, opened after 30 min, accepted after 120.
	share(a, d3(3, 9, 0))
	opened(a, d3(3, 9, 30))
	respond(a, d3(3, 11, 0), "care_home", "accept")
	// B: opened after 10, questioned after 40 (the first decision), the
	// team replies, then accepted: latest decision accept.
	share(b, d3(3, 10, 0))
	opened(b, d3(3, 10, 10))
	respond(b, d3(3, 10, 40), "care_home", "question")
	respond(b, d3(3, 11, 0), "team", "")
	respond(b, d3(3, 12, 0), "care_home", "accept")
	// C: opened after 5, declined after 360.
	share(c, d3(4, 9, 0))
	opened(c, d3(4, 9, 5))
	respond(c, d3(4, 15, 0), "care_home", "decline")

	var out impactJSONOut
	app.json("GET", "/api/v1/impact", app.lead, nil, http.StatusOK, &out)
	ch := out.CareHome
	// Open [5 10 30]: median 10, p90 10 + 0.8×20 = 26.
	// Decision [40 120 360]: median 120, p90 120 + 0.8×240 = 312.
	if !ch.Available || ch.Shared != 3 || ch.Opened != 3 || ch.Decided != 3 {
		t.Fatalf("care home counts = %+v", ch)
	}
	if ch.ToOpen.String() != "10/26" || ch.ToDecide.String() != "120/312" {
		t.Errorf("minutes to open %s (want 10/26), to decision %s (want 120/312)", ch.ToOpen, ch.ToDecide)
	}
	if num(ch.Accepted) != "0.667" || num(ch.Questions) != "0" || num(ch.Declined) != "0.333" {
		t.Errorf("decision shares = %s %s %s", num(ch.Accepted), num(ch.Questions), num(ch.Declined))
	}
}
