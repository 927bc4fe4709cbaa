package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"firstperson/models"
)

// bigSchema is a valid schema with n text questions in sections of 50.
func bigSchema(n int, hint string) map[string]any {
	var sections []map[string]any
	for i := 0; i < n; i++ {
		if i%50 == 0 {
			sections = append(sections, map[string]any{"id": fmt.Sprintf("s%d", i/50), "title": fmt.Sprintf("Part %d", i/50+1), "questions": []map[string]any{}})
		}
		sec := sections[len(sections)-1]
		sec["questions"] = append(sec["questions"].([]map[string]any), map[string]any{
			"id": fmt.Sprintf("q%d", i), "label": fmt.Sprintf("My answer number %d", i), "type": "text", "hint": hint})
	}
	return map[string]any{"title": "A long form", "sections": sections}
}

func TestDraftsAreCappedWithAClear422(t *testing.T) {
	app := newTestApp(t)
	e := app.fail("POST", "/api/v1/templates", app.lead, bigSchema(models.MaxQuestions+1, ""), http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error.Fields["questions"], "at most 1000 questions") {
		t.Fatalf("over the question cap: %+v", e)
	}
	e = app.fail("POST", "/api/v1/templates", app.lead, bigSchema(10, strings.Repeat("x", 220_000)), http.StatusUnprocessableEntity)
	if !strings.Contains(e.Error.Fields["schema"], "at most 2 MB") {
		t.Fatalf("over the size cap: %+v", e)
	}
	// A draft that grows past the cap through PUT is refused too, and the
	// draft before it is kept.
	var made struct {
		ID uint `json:"id"`
	}
	app.json("POST", "/api/v1/templates", app.lead, bigSchema(models.MaxQuestions, ""), http.StatusCreated, &made)
	app.fail("PUT", fmt.Sprintf("/api/v1/templates/%d/draft", made.ID), app.lead, bigSchema(40_000, ""), http.StatusUnprocessableEntity)
	var draft struct {
		Schema struct {
			Sections []struct {
				Questions []any `json:"questions"`
			} `json:"sections"`
		} `json:"schema"`
	}
	app.json("GET", fmt.Sprintf("/api/v1/templates/%d/draft", made.ID), app.lead, nil, http.StatusOK, &draft)
	n := 0
	for _, s := range draft.Schema.Sections {
		n += len(s.Questions)
	}
	if n != models.MaxQuestions {
		t.Fatalf("draft has %d questions after a refused PUT", n)
	}
	// The largest allowed draft opens in the editor in reasonable time.
	p := app.leadPages(t)
	start := time.Now()
	p.get(fmt.Sprintf("/templates/%d/draft", made.ID)).want(t, http.StatusOK)
	t.Logf("editor with %d questions: %v", models.MaxQuestions, time.Since(start))
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("editor with %d questions took %v", models.MaxQuestions, d)
	}
}
