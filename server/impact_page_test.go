package server

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"firstperson/models"
)

func TestImpactPage(t *testing.T) {
	app, clk, _ := newClockApp(t, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC))
	scriptImpact(t, app, clk)
	lead := &pageClient{t: t, app: app, c: app.browser(models.DefaultLeadEmail, app.leadPass)}

	pg := lead.get("/impact")
	if pg.status != http.StatusOK {
		t.Fatalf("GET /impact = %d\n%s", pg.status, pg.body)
	}
	for _, want := range []string{
		`<svg id="chart-times"`, `id="chart-times-table"`, `<svg id="chart-weeks"`, `id="chart-voice-table"`,
		"Week of 2026-11-02", "Trusted Assessor discharge assessment v1", "7.4 min", "100.8 min", "80%",
		`href="/impact.csv?"`, `aria-current="page">Impact`,
	} {
		if !strings.Contains(pg.body, want) {
			t.Errorf("impact page lacks %q", want)
		}
	}
	// The layout's sign-out module is on every signed-in page; beyond it
	// the impact page needs no script: charts are drawn on the server.
	if strings.Count(pg.body, "<script") > strings.Count(pg.body, `src="/static/tablet-`) {
		t.Error("the impact page needs no script of its own: charts are drawn on the server")
	}
	// A bad filter: 422, the typed values kept, the field named.
	pg = lead.get("/impact?from=31/12/2026&version=2")
	if pg.status != http.StatusUnprocessableEntity || !strings.Contains(pg.body, `value="31/12/2026"`) ||
		!strings.Contains(pg.body, "YYYY-MM-DD") || !strings.Contains(pg.body, "choose a template") {
		t.Errorf("bad filter = %d\n%s", pg.status, pg.body)
	}
	// Assessors are not shown the page.
	if pg := app.assessorPages(t).get("/impact"); pg.status != http.StatusForbidden {
		t.Errorf("assessor GET /impact = %d", pg.status)
	}

	// The CSV has every figure the page shows.
	csvPage := lead.get("/impact.csv")
	rows, err := csv.NewReader(bytes.NewReader([]byte(strings.TrimPrefix(csvPage.body, "\uFEFF")))).ReadAll()
	if err != nil || csvPage.status != http.StatusOK {
		t.Fatalf("impact.csv: %d %v", csvPage.status, err)
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[0]+"|"+r[3]+"|"+r[4]] = r[5]
	}
	for k, want := range map[string]string{
		"version|1|active_minutes_p90": "7.4", "version|1|elapsed_minutes_median": "24",
		"version|1|answer_voice_share": "0.8", "week 2026-11-02||started": "4", "week 2026-11-09||started": "1",
		"version|1|conversations_per_assessment": "1",
	} {
		if got[k] != want {
			t.Errorf("impact.csv %s = %q, want %q", k, got[k], want)
		}
	}
}
