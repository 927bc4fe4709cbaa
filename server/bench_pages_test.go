package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"firstperson/forms"
	"firstperson/models"
	"firstperson/render"
)

// benchAnswers answers every question of a schema the way a finished
// assessment does: sentences, three-row tables, a signature.
func benchAnswers(b *testing.B, s *forms.Schema) forms.Answers {
	b.Helper()
	sig := apSignaturePNG(b)
	a := forms.Answers{}
	for _, q := range s.Questions() {
		switch q.Type {
		case forms.TypeText:
			a[q.ID] = "Zoë Ó'Brien-Łukasiewicz"
		case forms.TypeLongText:
			a[q.ID] = strings.Repeat("I like my tea weak with one sugar, and the radio on quietly in the morning. ", 4)
		case forms.TypeYesNo:
			a[q.ID] = true
		case forms.TypeChoice:
			a[q.ID] = q.Options[0]
		case forms.TypeMultiChoice:
			a[q.ID] = []any{q.Options[0], q.Options[1]}
		case forms.TypeDate:
			a[q.ID] = "2026-03-04"
		case forms.TypeNumber:
			a[q.ID] = 2.0
		case forms.TypeSignature:
			a[q.ID] = sig
		case forms.TypeTable:
			var rows []any
			for i := 0; i < 3; i++ {
				row := map[string]any{}
				for _, c := range q.Columns {
					row[c.ID] = fmt.Sprintf("%s %d", c.Label, i+1)
				}
				rows = append(rows, row)
			}
			a[q.ID] = rows
		}
	}
	return a
}

// BenchmarkAssessmentPage measures the assessment page of the default
// template (18 sections, every question answered):
//   - view: building the view model from the pinned schema and answers;
//   - render: the view model plus executing the page template;
//   - http: a signed-in GET over loopback through the whole stack (session
//     lookup, assessment and pinned version from SQLite, render);
//   - http-parallel: the same from GOMAXPROCS clients at once.
func BenchmarkAssessmentPage(b *testing.B) {
	app := newBenchApp(b)
	id := app.startAssessment(app.assessor)
	schema := forms.DefaultTemplate()
	answers := benchAnswers(b, schema)
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor,
		map[string]any{"revision": 0, "answers": answers}, http.StatusOK, nil)

	b.Run("view", func(b *testing.B) {
		for b.Loop() {
			render.NewAssessmentView(schema, answers, render.ViewOptions{Section: "my-move"})
		}
	})

	s, err := New(Config{Store: app.store})
	if err != nil {
		b.Fatal(err)
	}
	tmpl, err := s.pages.lookup("assessment")
	if err != nil {
		b.Fatal(err)
	}
	user := &models.User{ID: 2, Name: "Ada Assessor", Role: models.RoleAssessor}
	var size int
	b.Run("render", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			view := render.NewAssessmentView(schema, answers, render.ViewOptions{Section: "my-move"})
			data := assessmentPage{
				ID: id, Status: models.StatusInProgress, Reference: "FP-7K3M-9QX2", TemplateTitle: schema.Title,
				Person:  forms.Person{Name: "Zoë Ó'Brien-Łukasiewicz", NHSNumber: "9434765919", DateOfBirth: "1941-03-03"},
				Version: 1, Revision: 1, UserID: user.ID, SavedLabel: "Saved 10:42", View: view,
			}
			if err := tmpl.Execute(&buf, Page{Title: "Zoë", User: user, Nav: "assessments", Data: data}); err != nil {
				b.Fatal(err)
			}
		}
		size = buf.Len()
		b.ReportMetric(float64(size)/1024, "page-KiB")
	})

	client := app.browser("ada@example.org", "correct horse battery")
	url := fmt.Sprintf("%s/assessments/%d/sections/my-move", app.srv.URL, id)
	get := func(b *testing.B) {
		resp, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || n < 10_000 {
			b.Fatalf("GET %s: status %d, %d bytes", url, resp.StatusCode, n)
		}
	}
	b.Run("http", func(b *testing.B) {
		for b.Loop() {
			get(b)
		}
	})
	b.Run("http-parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				get(b)
			}
		})
	})
}
