package models

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"

	"firstperson/forms"
)

// bigSignature is a PNG data URL well over apartAt: a small picture of
// made-up noise (noise does not compress), different for each seed.
func bigSignature(t *testing.T, seed uint64) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 120, 60))
	rng := rand.New(rand.NewPCG(seed, seed))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}

func apartRows(t *testing.T, s *Store, id uint) map[string]string {
	t.Helper()
	var rows []apartRow
	if err := s.r.Raw(`SELECT assessment_id, question_id, value_json FROM assessment_answers_apart WHERE assessment_id = ?`, id).
		Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r.QuestionID] = r.ValueJSON
	}
	return out
}

// A drawn signature is stored apart: answers_json keeps a stub, saving
// other answers leaves the signature's row alone, every reader sees the
// real value, and clearing or shrinking it removes the row.
func TestLargeAnswersAreStoredApart(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	ctx := context.Background()
	a := lead(t, s)
	as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	sig := bigSignature(t, 1)
	rev, err := s.SaveAnswers(ctx, a, as.ID, 0, forms.Answers{"assessor-signature": sig, "good-day": "Tea in the garden"})
	if err != nil {
		t.Fatal(err)
	}
	row, err := s.assessmentRow(s.r, a.TeamID, as.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(row.AnswersJSON, "data:image") || !strings.Contains(row.AnswersJSON, apartKey) || len(row.AnswersJSON) > 400 {
		t.Fatalf("answers_json holds the picture or no stub (%d bytes): %.200s", len(row.AnswersJSON), row.AnswersJSON)
	}
	if got := apartRows(t, s, as.ID); len(got) != 1 || !strings.Contains(got["assessor-signature"], sig) {
		t.Fatalf("apart rows = %d, want the signature", len(got))
	}

	// Readers see the real value.
	full, err := s.Assessment(ctx, a.TeamID, as.ID)
	if err != nil {
		t.Fatal(err)
	}
	ans, err := full.Answers()
	if err != nil {
		t.Fatal(err)
	}
	if ans["assessor-signature"] != sig || ans["good-day"] != "Tea in the garden" {
		t.Fatalf("answers read back wrong: good-day %v, signature %d bytes", ans["good-day"], len(ans["assessor-signature"].(string)))
	}
	// A row read without its apart values refuses to pretend.
	if _, err := row.Answers(); err == nil || !strings.Contains(err.Error(), "not loaded") {
		t.Fatalf("answers of a row without its apart values: %v", err)
	}

	// Saving another answer, or the same signature again, writes no
	// audit event for the signature.
	before, _ := s.AssessmentAudit(ctx, a.TeamID, as.ID)
	if rev, err = s.SaveAnswers(ctx, a, as.ID, rev, forms.Answers{"good-day": "Soup", "assessor-signature": sig}); err != nil {
		t.Fatal(err)
	}
	after, _ := s.AssessmentAudit(ctx, a.TeamID, as.ID)
	if len(after) != len(before)+1 || !strings.Contains(after[len(after)-1].Detail, "good-day") {
		t.Fatalf("audit after saving good-day and the same signature: %d → %d events", len(before), len(after))
	}

	// A new signature replaces the row and is audited by size, not copied.
	sig2 := bigSignature(t, 2)
	if rev, err = s.SaveAnswers(ctx, a, as.ID, rev, forms.Answers{"assessor-signature": sig2}); err != nil {
		t.Fatal(err)
	}
	if got := apartRows(t, s, as.ID); !strings.Contains(got["assessor-signature"], sig2) {
		t.Fatal("the new signature is not stored apart")
	}
	evs, _ := s.AssessmentAudit(ctx, a.TeamID, as.ID)
	last := evs[len(evs)-1].Detail
	if !strings.Contains(last, "signature (") || strings.Contains(last, "base64") {
		t.Fatalf("signature change audited as %q", last)
	}

	// A stale save hears the real signature, not a stub.
	_, err = s.SaveAnswers(ctx, a, as.ID, rev-1, forms.Answers{"good-day": "Late"})
	var stale *StaleRevisionError
	if !errors.As(err, &stale) || stale.Answers["assessor-signature"] != sig2 {
		t.Fatalf("stale save: %v", err)
	}

	// A typed signature (small) takes its place: the apart row goes.
	if rev, err = s.SaveAnswers(ctx, a, as.ID, rev, forms.Answers{"assessor-signature": map[string]any{"typed": "Priya Raman", "confirmed": true}}); err != nil {
		t.Fatal(err)
	}
	if got := apartRows(t, s, as.ID); len(got) != 0 {
		t.Fatalf("apart rows after a typed signature: %d", len(got))
	}
	// Cleared after being large: no row left either.
	if rev, err = s.SaveAnswers(ctx, a, as.ID, rev, forms.Answers{"assessor-signature": sig}); err != nil {
		t.Fatal(err)
	}
	if _, err = s.SaveAnswers(ctx, a, as.ID, rev, forms.Answers{"assessor-signature": nil}); err != nil {
		t.Fatal(err)
	}
	if got := apartRows(t, s, as.ID); len(got) != 0 {
		t.Fatalf("apart rows after clearing: %d", len(got))
	}
	full, _ = s.Assessment(ctx, a.TeamID, as.ID)
	if ans, _ := full.Answers(); ans["assessor-signature"] != nil || ans["good-day"] != "Soup" {
		t.Fatalf("after clearing: %v", ans)
	}
}

// An answer that is itself a stub-shaped object is refused by validation,
// so nothing a client sends can pass for an answer stored apart.
func TestNoAnswerPassesForAStub(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	ctx := context.Background()
	a := lead(t, s)
	as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	stub := map[string]any{apartKey: map[string]any{"bytes": 10, "sha256": "00"}}
	for _, qid := range []string{"assessor-signature", "good-day", "sensory-aids"} {
		_, err := s.SaveAnswers(ctx, a, as.ID, 0, forms.Answers{qid: stub})
		var ve *forms.ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("%s: a stub as an answer was not refused: %v", qid, err)
		}
	}
}

// Answers saved inline before they were stored apart move apart in the
// migration, and read back the same.
func TestMigrationMovesLargeAnswersApart(t *testing.T) {
	s, _, _ := MustOpenStore(t)
	ctx := context.Background()
	a := lead(t, s)
	as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: "Ann Example", DateOfBirth: "1940-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	sig := bigSignature(t, 3)
	inline, _ := json.Marshal(map[string]any{"assessor-signature": sig, "good-day": "Tea"})
	if err := s.w.Exec(`UPDATE assessments SET answers_json = ? WHERE id = ?`, string(inline), as.ID).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.tx(ctx, moveLargeAnswersApart); err != nil {
		t.Fatal(err)
	}
	row, _ := s.assessmentRow(s.r, a.TeamID, as.ID)
	if strings.Contains(row.AnswersJSON, "data:image") || row.Revision != as.Revision {
		t.Fatalf("after the migration answers_json is %d bytes, revision %d", len(row.AnswersJSON), row.Revision)
	}
	full, _ := s.Assessment(ctx, a.TeamID, as.ID)
	ans, err := full.Answers()
	if err != nil || ans["assessor-signature"] != sig || ans["good-day"] != "Tea" {
		t.Fatalf("answers after the migration: %v", err)
	}
	// Running it again changes nothing.
	if err := s.tx(ctx, moveLargeAnswersApart); err != nil {
		t.Fatal(err)
	}
	if got := apartRows(t, s, as.ID); len(got) != 1 {
		t.Fatalf("apart rows after a second run: %d", len(got))
	}
}
