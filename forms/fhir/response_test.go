package fhir

import (
	"reflect"
	"strings"
	"testing"

	"firstperson/forms"
)

func TestToResponseHeader(t *testing.T) {
	s := everyTypeSchema()
	got, _ := asGeneric(t, ToResponse(s, everyTypeAnswers(), testResponseMeta)).(map[string]any)
	delete(got, "item")
	want := map[string]any{
		"resourceType": "QuestionnaireResponse", "id": "assessment-42",
		"questionnaire": testQuestionnaireMeta.URL + "|3", "status": "completed",
		"subject":  map[string]any{"display": "Zoë Ó'Brien-Łukasiewicz"},
		"authored": "2026-11-03T14:05:06Z", "author": map[string]any{"display": "Sam Assessor"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	inProgress := ToResponse(s, forms.Answers{}, ResponseMeta{QuestionnaireURL: "urn:uuid:x", Version: 1})
	if inProgress.Status != "in-progress" || inProgress.Questionnaire != "urn:uuid:x|1" || inProgress.Subject != nil || inProgress.Authored != "" {
		t.Errorf("in progress: %+v", inProgress)
	}
	for id, want := range map[string]string{"42": "42", "a1b2-c3.d4": "a1b2-c3.d4", "has space": "", "x/y": "", strings.Repeat("9", 65): ""} {
		if got := ToResponse(s, forms.Answers{}, ResponseMeta{ID: id}).ID; got != want {
			t.Errorf("id %q became %q, want %q", id, got, want)
		}
	}
	if len(inProgress.Item) != 0 {
		t.Errorf("no answers should give no items, got %d", len(inProgress.Item))
	}
}

func TestToResponseAnswers(t *testing.T) {
	r := ToResponse(everyTypeSchema(), everyTypeAnswers(), testResponseMeta)
	tests := []struct {
		linkID string
		want   string // every item with that linkId, as JSON
	}{
		{"my-name", `[{"linkId":"my-name","text":"My name","answer":[{"valueString":"Zoë Ó'Brien-Łukasiewicz"}]}]`},
		{"has-pet", `[{"linkId":"has-pet","text":"I have a pet","answer":[{"valueBoolean":true}]}]`},
		{"no-pet-why", `null`},    // hidden: has-pet is true
		{"glasses-where", `null`}, // blank answer
		{"spoons", `[{"linkId":"spoons","text":"Extra spoons for sugar","answer":[{"valueDecimal":1}]}]`},
		{"sugar", `[{"linkId":"sugar","text":"Sugars in my tea","answer":[{"valueDecimal":2.5}]}]`},
		{"drink", `[{"linkId":"drink","text":"I like to drink","answer":[{"valueString":"Tea"}]}]`},
		{"aids", `[{"linkId":"aids","text":"I use","answer":[{"valueString":"Glasses"},{"valueString":"Dentures"}]}]`},
		{"arrived", `[{"linkId":"arrived","text":"I arrived on","answer":[{"valueDate":"2026-11-02"}]}]`},
		{"signature", `[{"linkId":"signature","text":"Assessor signature","answer":[{"valueAttachment":{"contentType":"image/png","data":"iVBORw0KGgo="}}]}]`},
		{"guidance", `null`}, // information text takes no answer
		{"contacts", `[{"linkId":"contacts","text":"People important to me","item":[` +
			`{"linkId":"contacts.name","text":"Name","answer":[{"valueString":"Ann"}]},` +
			`{"linkId":"contacts.relationship","text":"Relationship","answer":[{"valueString":"Daughter"}]},` +
			`{"linkId":"contacts.phone_no","text":"Phone","answer":[{"valueString":"01234 567890"}]}]},` +
			`{"linkId":"contacts","text":"People important to me","item":[` +
			`{"linkId":"contacts.name","text":"Name","answer":[{"valueString":"Raj"}]}]}]`},
	}
	for _, tt := range tests {
		t.Run(tt.linkID, func(t *testing.T) {
			if got := string(mustJSON(t, findResponseItems(r.Item, tt.linkID))); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	var sections []string
	for _, g := range r.Item {
		sections = append(sections, g.LinkID)
	}
	if want := []string{"basics", "choices", "people"}; !reflect.DeepEqual(sections, want) {
		t.Errorf("section groups %q, want %q", sections, want)
	}
	if p := responseProblems(ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta), r); len(p) > 0 {
		t.Errorf("problems:\n%s", strings.Join(p, "\n"))
	}
}

func TestToResponseOmitsWhatR4Forbids(t *testing.T) {
	s := everyTypeSchema()
	tests := []struct {
		name    string
		answers forms.Answers
		want    []string // linkIds of the items, depth first
	}{
		{"nothing answered", forms.Answers{}, nil},
		{"only hidden answers", forms.Answers{"has-pet": true, "no-pet-why": "x"}, []string{"basics", "has-pet"}},
		{"hidden chain", forms.Answers{"drink": "Water", "sugar": 2.5, "spoons": 3.0}, []string{"choices", "drink"}},
		{"blank table rows only", forms.Answers{"contacts": []any{map[string]any{"name": " "}}}, nil},
		{"wrong shapes", forms.Answers{"has-pet": "yes", "sugar": "two", "aids": "Glasses", "signature": "not a data URL", "contacts": "Ann"}, nil},
		{"multichoice blanks", forms.Answers{"aids": []any{"", 3.0}}, nil},
		{"date that is not a date is kept as text", forms.Answers{"arrived": "last Tuesday"}, []string{"people", "arrived"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ToResponse(s, tt.answers, testResponseMeta)
			var got []string
			var walk func(items []ResponseItem)
			walk = func(items []ResponseItem) {
				for _, it := range items {
					got = append(got, it.LinkID)
					walk(it.Item)
				}
			}
			walk(r.Item)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("items %q, want %q", got, tt.want)
			}
		})
	}
}

func TestResponseChecksCatchBrokenResponses(t *testing.T) {
	q := ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta)
	tests := []struct {
		name   string
		break_ func(r *QuestionnaireResponse)
		want   string
	}{
		{"answer and items", func(r *QuestionnaireResponse) { r.Item[0].Answer = []ResponseAnswer{{ValueString: ptr("x")}} }, "qrs-1"},
		{"flat instead of nested", func(r *QuestionnaireResponse) { r.Item = r.Item[0].Item }, "no such item"},
		{"wrong value type", func(r *QuestionnaireResponse) {
			r.Item[0].Item[2].Answer[0] = ResponseAnswer{ValueString: ptr("true")} // has-pet
		}, "does not fit a boolean item"},
		{"empty group", func(r *QuestionnaireResponse) { r.Item[1].Item = nil }, "neither answers nor items"},
		{"repeated question", func(r *QuestionnaireResponse) { r.Item[0].Item = append(r.Item[0].Item, r.Item[0].Item[0]) }, "appears twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ToResponse(everyTypeSchema(), everyTypeAnswers(), testResponseMeta)
			tt.break_(r)
			if p := strings.Join(responseProblems(q, r), "\n"); !strings.Contains(p, tt.want) {
				t.Errorf("problems %q do not mention %q", p, tt.want)
			}
		})
	}
}

func TestDataURL(t *testing.T) {
	tests := []struct {
		in       string
		wantType string
		wantData string
		ok       bool
	}{
		{"data:image/png;base64,AAAA", "image/png", "AAAA", true},
		{"data:image/jpeg;base64,/9j/", "image/jpeg", "/9j/", true},
		{"data:;base64,AAAA", "image/png", "AAAA", true},
		{"data:image/png,AAAA", "", "", false},
		{"data:image/png;base64,", "", "", false},
		{"iVBORw0KGgo=", "", "", false},
	}
	for _, tt := range tests {
		att, ok := dataURL(tt.in)
		if ok != tt.ok || (ok && (att.ContentType != tt.wantType || att.Data != tt.wantData)) {
			t.Errorf("dataURL(%q) = %+v, %v; want %s %s %v", tt.in, att, ok, tt.wantType, tt.wantData, tt.ok)
		}
	}
}
