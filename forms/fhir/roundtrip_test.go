package fhir

import (
	"reflect"
	"testing"

	"firstperson/forms"
)

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		schema *forms.Schema
	}{
		{"default template", forms.DefaultTemplate()},
		{"every type", everyTypeSchema()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := validateImported(tt.schema); err != nil {
				t.Fatalf("the test schema itself is invalid: %v", err)
			}
			data := mustJSON(t, ToQuestionnaire(tt.schema, testQuestionnaireMeta))
			back, warnings, err := FromQuestionnaire(data)
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if len(warnings) > 0 {
				t.Errorf("importing our own export warned: %+v", warnings)
			}
			want, got := asGeneric(t, tt.schema), asGeneric(t, back)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("schema changed in the round trip\ngot  %s\nwant %s", mustJSON(t, got), mustJSON(t, want))
			}
		})
	}
}

func TestRoundTripKeepsEachQuestionType(t *testing.T) {
	// One form per type, so a failure names the type that broke.
	for _, q := range everyTypeSchema().Questions() {
		t.Run(string(q.Type)+"/"+q.ID, func(t *testing.T) {
			single := *q
			single.ShowIf = nil
			s := &forms.Schema{Title: "One question", Sections: []forms.Section{{ID: "only", Title: "Only", Questions: []forms.Question{single}}}}
			back, _, err := FromQuestionnaire(mustJSON(t, ToQuestionnaire(s, QuestionnaireMeta{})))
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if got, want := asGeneric(t, back), asGeneric(t, s); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %s\nwant %s", mustJSON(t, got), mustJSON(t, want))
			}
		})
	}
}
