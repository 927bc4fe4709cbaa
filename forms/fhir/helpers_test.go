package fhir

import (
	"encoding/json"
	"testing"
	"time"

	"firstperson/forms"
)

// everyTypeSchema is a made-up template using every question type, hints
// on every kind of item, required questions and a show-if of each value
// type (bool, text, choice, multichoice option, number).
func everyTypeSchema() *forms.Schema {
	return &forms.Schema{
		Title: "Everything about me – test form",
		Sections: []forms.Section{
			{ID: "basics", Title: "The basics", Questions: []forms.Question{
				{ID: "my-name", Label: "My name", Type: forms.TypeText, Required: true, Hint: "Ask how they spell it"},
				{ID: "my_story", Label: "My story", Type: forms.TypeLongText, Hint: "In their words"},
				{ID: "has-pet", Label: "I have a pet", Type: forms.TypeYesNo, Required: true},
				{ID: "pet-name", Label: "My pet is called", Type: forms.TypeText,
					ShowIf: &forms.Condition{Question: "has-pet", Equals: true}},
				{ID: "no-pet-why", Label: "I have no pet because", Type: forms.TypeLongText,
					ShowIf: &forms.Condition{Question: "has-pet", Equals: false}},
				{ID: "nickname-note", Label: "Say hello to Bob", Type: forms.TypeInfo,
					ShowIf: &forms.Condition{Question: "my-name", Equals: "Bob"}},
			}},
			{ID: "choices", Title: "Choices I make", Questions: []forms.Question{
				{ID: "drink", Label: "I like to drink", Type: forms.TypeChoice, Hint: "Pick one",
					Options: []string{"Tea", "Coffee", "Water", "Squash – orange"}},
				{ID: "sugar", Label: "Sugars in my tea", Type: forms.TypeNumber, Required: true, Hint: "A number",
					ShowIf: &forms.Condition{Question: "drink", Equals: "Tea"}},
				{ID: "aids", Label: "I use", Type: forms.TypeMultiChoice, Hint: "Tick all",
					Options: []string{"Glasses", "Hearing aids", "Dentures"}},
				{ID: "glasses-where", Label: "My glasses are kept", Type: forms.TypeText,
					ShowIf: &forms.Condition{Question: "aids", Equals: "Glasses"}},
				{ID: "spoons", Label: "Extra spoons for sugar", Type: forms.TypeNumber,
					ShowIf: &forms.Condition{Question: "sugar", Equals: 2.5}},
				{ID: "story-note", Label: "Thanks for the story", Type: forms.TypeInfo,
					ShowIf: &forms.Condition{Question: "my_story", Equals: "yes"}},
			}},
			{ID: "people", Title: "People and dates", Questions: []forms.Question{
				{ID: "guidance", Label: "Talk to the family first.", Type: forms.TypeInfo, Hint: "Info hint"},
				{ID: "contacts", Label: "People important to me", Type: forms.TypeTable, Required: true,
					Hint:    "One row a person",
					Columns: []forms.Column{{ID: "name", Label: "Name"}, {ID: "relationship", Label: "Relationship"}, {ID: "phone_no", Label: "Phone"}}},
				{ID: "arrived", Label: "I arrived on", Type: forms.TypeDate, Hint: "YYYY-MM-DD", Required: true},
				{ID: "signature", Label: "Assessor signature", Type: forms.TypeSignature, Required: true, Hint: "Sign with a finger"},
			}},
		},
	}
}

// everyTypeAnswers answers everyTypeSchema with every question shown except
// no-pet-why (has-pet is true), which is answered anyway to test hiding.
func everyTypeAnswers() forms.Answers {
	return forms.Answers{
		"my-name":       "Zoë Ó'Brien-Łukasiewicz",
		"my_story":      "Born by the sea.\nMoved inland.",
		"has-pet":       true,
		"pet-name":      "Biscuit",
		"no-pet-why":    "hidden answer",
		"drink":         "Tea",
		"sugar":         2.5,
		"aids":          []any{"Glasses", "Dentures"},
		"glasses-where": "   ",
		"spoons":        1.0,
		"contacts": []any{
			map[string]any{"name": "Ann", "relationship": "Daughter", "phone_no": "01234 567890"},
			map[string]any{"name": "", "relationship": " "},
			map[string]any{"name": "Raj", "phone_no": ""},
		},
		"arrived":   "2026-11-02",
		"signature": "data:image/png;base64,iVBORw0KGgo=",
	}
}

var (
	testQuestionnaireMeta = QuestionnaireMeta{
		URL: "https://firstperson.test/fhir/Questionnaire/template-7", Version: 3, Published: true,
		Date: time.Date(2026, 11, 2, 9, 30, 0, 0, time.FixedZone("BST", 3600)), Publisher: "Test Trusted Assessor team",
	}
	testResponseMeta = ResponseMeta{
		QuestionnaireURL: testQuestionnaireMeta.URL, Version: 3, ID: "assessment-42", Completed: true,
		Authored: time.Date(2026, 11, 3, 14, 5, 6, 0, time.UTC), Author: "Sam Assessor", SubjectDisplay: "Zoë Ó'Brien-Łukasiewicz",
	}
)

// mustJSON marshals v or fails the test.
func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return b
}

// asGeneric turns v into what encoding/json decodes it to, so schemas built
// in Go compare equal to schemas read back from JSON (ints become float64,
// nil and empty lists both vanish under omitempty).
func asGeneric(t testing.TB, v any) any {
	t.Helper()
	var out any
	if err := json.Unmarshal(mustJSON(t, v), &out); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return out
}

// findItem returns the Questionnaire item with the linkId, anywhere.
func findItem(items []QuestionnaireItem, linkID string) *QuestionnaireItem {
	for i := range items {
		if items[i].LinkID == linkID {
			return &items[i]
		}
		if it := findItem(items[i].Item, linkID); it != nil {
			return it
		}
	}
	return nil
}

// findResponseItems returns every response item with the linkId, anywhere.
func findResponseItems(items []ResponseItem, linkID string) []ResponseItem {
	var found []ResponseItem
	for _, it := range items {
		if it.LinkID == linkID {
			found = append(found, it)
		}
		found = append(found, findResponseItems(it.Item, linkID)...)
	}
	return found
}
