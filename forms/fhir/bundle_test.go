package fhir

import (
	"strings"
	"testing"
	"time"

	"firstperson/forms"
)

func TestCollectionBundle(t *testing.T) {
	def := forms.DefaultTemplate()
	second := testResponseMeta
	second.ID, second.Completed = "FP-7K3M-9QX2", false
	b := ToCollection(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC),
		[]string{"https://fp.example/fhir/QuestionnaireResponse/assessment-42", "https://fp.example/fhir/QuestionnaireResponse/FP-7K3M-9QX2"},
		[]any{ToResponse(def, sampleAnswers(def), testResponseMeta), ToResponse(def, forms.Answers{}, second)})
	if b.ResourceType != "Bundle" || b.Type != "collection" || len(b.Entry) != 2 || b.Timestamp != "2026-12-01T09:00:00Z" {
		t.Fatalf("bundle = %+v", b)
	}
	empty := ToCollection(time.Time{}, nil, nil)
	if empty.Entry != nil || empty.Timestamp != "" {
		t.Fatalf("empty bundle = %+v", empty)
	}
	// validate.js evaluates the QuestionnaireResponse invariants on
	// resources at the root, so each entry is validated on its own too.
	resources := map[string]any{"bundle": b, "empty-bundle": empty,
		"entry-0": b.Entry[0].Resource, "entry-1": b.Entry[1].Resource}
	for name, messages := range runValidator(t, resources) {
		if errs := errorsOf(messages); len(errs) > 0 {
			t.Errorf("%s: the FHIR validator found %d errors:\n%s", name, len(errs), strings.Join(errs, "\n"))
		}
	}
}
