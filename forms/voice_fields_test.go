package forms

import (
	"reflect"
	"testing"
)

// TestVoiceFindingsCoverEveryField: section titles, hints written for the
// person, choice options and table column labels are checked too, each
// with its own field kind; assessor hints and plain answers are left alone.
func TestVoiceFindingsCoverEveryField(t *testing.T) {
	s := &Schema{Title: "Ward form", Sections: []Section{
		{ID: "about", Title: "Resident information", Questions: []Question{
			{ID: "call", Label: "Please call me", Type: TypeText, Hint: "What would you like us to call you?"},
			{ID: "lpa", Label: "I have a Lasting Power of Attorney", Type: TypeYesNo,
				Hint: "For the assessor: check the registered copy if you can."},
			{ID: "who", Label: "My attorney is", Type: TypeText, Hint: "Their name and how to contact them."},
		}},
		{ID: "moving", Title: "Moving around", Questions: []Question{
			{ID: "help", Label: "The help I need to move", Type: TypeChoice,
				Options: []string{"Independent", "Needs assistance of one", "Patient uses a hoist"}},
			{ID: "meds", Label: "My medicines", Type: TypeTable,
				Columns: []Column{{ID: "name", Label: "Medicine"}, {ID: "how", Label: "How the patient takes it"}}},
			{ID: "note", Label: "Ask the patient about their family", Type: TypeInfo, Hint: "Your notes"},
			{ID: "sign", Label: "Resident/Representative", Type: TypeSignature},
		}},
	}}
	got := s.VoiceFindings()
	type short struct{ Field, QuestionID, SectionID, ColumnID, Label, Suggestion string }
	var gotShort []short
	for _, f := range got {
		if f.Problem == "" {
			t.Errorf("finding %+v has no problem", f)
		}
		gotShort = append(gotShort, short{f.Field, f.QuestionID, f.SectionID, f.ColumnID, f.Label, f.Suggestion})
	}
	want := []short{
		{"title", "", "about", "", "Resident information", "My information"},
		{"hint", "call", "about", "", "What would you like us to call you?", "What would I like you to call me?"},
		{"option", "help", "moving", "", "Needs assistance of one", "I need assistance of one"},
		{"option", "help", "moving", "", "Patient uses a hoist", "I use a hoist"},
		{"column", "meds", "moving", "how", "How the patient takes it", "How I take it"},
	}
	if !reflect.DeepEqual(gotShort, want) {
		t.Errorf("VoiceFindings() =\n%+v\nwant\n%+v", gotShort, want)
	}
	// The signature's label is sign-off: not a finding, and counted in voice.
	if in, total := s.VoiceCount(); in != 6 || total != 6 {
		t.Errorf("VoiceCount() = %d of %d, want 6 of 6", in, total)
	}
}

func TestAssessorHint(t *testing.T) {
	for hint, want := range map[string]bool{
		"Assessor: ask to see the letter":            true,
		"  for the assessor: check the copy":         true,
		"Staff: weigh on the ward scales":            true,
		"For example: with yoghurt":                  false,
		"What I do myself and what I need help with": false,
	} {
		if got := AssessorHint(hint); got != want {
			t.Errorf("AssessorHint(%q) = %v, want %v", hint, got, want)
		}
	}
}
