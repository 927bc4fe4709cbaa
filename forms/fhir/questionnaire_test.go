package fhir

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"firstperson/forms"
)

func TestToQuestionnaireMeta(t *testing.T) {
	s := everyTypeSchema()
	tests := []struct {
		name string
		meta QuestionnaireMeta
		want map[string]any
	}{
		{"published", testQuestionnaireMeta, map[string]any{
			"resourceType": "Questionnaire", "url": testQuestionnaireMeta.URL, "version": "3",
			"status": "active", "title": s.Title, "name": "EverythingAboutMeTestForm",
			"date": "2026-11-02T09:30:00+01:00", "publisher": "Test Trusted Assessor team",
		}},
		{"draft without date", QuestionnaireMeta{URL: "urn:uuid:0d6b1a52-4c1e-4e8e-9f55-000000000001", Version: 4},
			map[string]any{
				"resourceType": "Questionnaire", "url": "urn:uuid:0d6b1a52-4c1e-4e8e-9f55-000000000001", "version": "4",
				"status": "draft", "title": s.Title, "name": "EverythingAboutMeTestForm",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := asGeneric(t, ToQuestionnaire(s, tt.meta)).(map[string]any)
			delete(got, "item")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestToQuestionnaireItems(t *testing.T) {
	q := ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta)
	tests := []struct {
		linkID string
		want   string // the item as JSON, child items and all
	}{
		{"my-name", `{"linkId":"my-name","text":"My name","type":"string","required":true,"item":[` +
			`{"extension":[{"url":"` + ItemControlURL + `","valueCodeableConcept":{"coding":[{"system":"` + ItemControlSystem + `","code":"help","display":"Help-Button"}]}}],` +
			`"linkId":"my-name.help","text":"Ask how they spell it","type":"display"}]}`},
		{"has-pet", `{"linkId":"has-pet","text":"I have a pet","type":"boolean","required":true}`},
		{"pet-name", `{"linkId":"pet-name","text":"My pet is called","type":"string","enableWhen":[{"question":"has-pet","operator":"=","answerBoolean":true}]}`},
		{"no-pet-why", `{"linkId":"no-pet-why","text":"I have no pet because","type":"text","enableWhen":[{"question":"has-pet","operator":"=","answerBoolean":false}]}`},
		{"nickname-note", `{"linkId":"nickname-note","text":"Say hello to Bob","type":"display","enableWhen":[{"question":"my-name","operator":"=","answerString":"Bob"}]}`},
		{"spoons", `{"linkId":"spoons","text":"Extra spoons for sugar","type":"decimal","enableWhen":[{"question":"sugar","operator":"=","answerDecimal":2.5}]}`},
		{"glasses-where", `{"linkId":"glasses-where","text":"My glasses are kept","type":"string","enableWhen":[{"question":"aids","operator":"=","answerString":"Glasses"}]}`},
		{"guidance", `{"extension":[{"url":"` + InfoHintURL + `","valueString":"Info hint"}],"linkId":"guidance","text":"Talk to the family first.","type":"display"}`},
		{"signature", `{"extension":[{"url":"` + MimeTypeURL + `","valueCode":"image/png"},{"url":"` + MimeTypeURL + `","valueCode":"text/plain"}],"linkId":"signature","text":"Assessor signature","type":"attachment","required":true,"item":[` +
			`{"extension":[{"url":"` + ItemControlURL + `","valueCodeableConcept":{"coding":[{"system":"` + ItemControlSystem + `","code":"help","display":"Help-Button"}]}}],` +
			`"linkId":"signature.help","text":"Sign with a finger","type":"display"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.linkID, func(t *testing.T) {
			it := findItem(q.Item, tt.linkID)
			if it == nil {
				t.Fatalf("no item %q", tt.linkID)
			}
			if got := string(mustJSON(t, it)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestToQuestionnaireChoicesAndTables(t *testing.T) {
	q := ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta)
	aids := findItem(q.Item, "aids")
	if aids.Type != "choice" || !isTrue(aids.Repeats) {
		t.Errorf("multichoice: type %q repeats %v, want choice repeating", aids.Type, aids.Repeats)
	}
	var opts []string
	for _, o := range findItem(q.Item, "drink").AnswerOption {
		opts = append(opts, *o.ValueString)
	}
	if want := []string{"Tea", "Coffee", "Water", "Squash – orange"}; !reflect.DeepEqual(opts, want) {
		t.Errorf("options %q, want %q in order", opts, want)
	}
	if isTrue(findItem(q.Item, "drink").Repeats) {
		t.Error("single choice must not repeat")
	}
	table := findItem(q.Item, "contacts")
	var kids []string
	for _, c := range table.Item {
		kids = append(kids, c.LinkID+":"+c.Type+":"+c.Text)
	}
	want := []string{"contacts.name:string:Name", "contacts.relationship:string:Relationship",
		"contacts.phone_no:string:Phone", "contacts.help:display:One row a person"}
	if table.Type != "group" || !isTrue(table.Repeats) || !isTrue(table.Required) || !reflect.DeepEqual(kids, want) {
		t.Errorf("table: type %q repeats %v required %v children %q, want repeating required group with %q",
			table.Type, table.Repeats, table.Required, kids, want)
	}
	var sections []string
	for _, g := range q.Item {
		sections = append(sections, g.LinkID+":"+g.Type+":"+g.Text)
	}
	if want := []string{"basics:group:The basics", "choices:group:Choices I make", "people:group:People and dates"}; !reflect.DeepEqual(sections, want) {
		t.Errorf("sections %q, want %q", sections, want)
	}
}

func TestToQuestionnaireStaysValidForOddSchemas(t *testing.T) {
	// Schemas forms would reject still export as structurally valid FHIR.
	s := &forms.Schema{Title: "Odd", Sections: []forms.Section{
		{ID: "same", Title: "Empty section"},
		{ID: "dup", Title: "Shares an id", Questions: []forms.Question{
			{ID: "same", Label: "Question named like a section", Type: forms.TypeText},
			{ID: "dup", Label: "Table with no columns", Type: forms.TypeTable},
			{ID: "note", Label: "Required info", Type: forms.TypeInfo, Required: true},
			{ID: "opts", Label: "Blank option", Type: forms.TypeChoice, Options: []string{"", "A"}},
		}},
	}}
	q := ToQuestionnaire(s, QuestionnaireMeta{URL: "urn:uuid:odd", Version: 1})
	if p := questionnaireProblems(q); len(p) > 0 {
		t.Errorf("problems:\n%s", strings.Join(p, "\n"))
	}
	if q.Item[0].LinkID != "same.section" || q.Item[1].LinkID != "dup.section" {
		t.Errorf("section linkIds %q, %q: want .section suffix where a question shares the id", q.Item[0].LinkID, q.Item[1].LinkID)
	}
}

func TestStructuralChecksCatchBrokenQuestionnaires(t *testing.T) {
	base := func() *Questionnaire { return ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta) }
	tests := []struct {
		name   string
		break_ func(q *Questionnaire)
		want   string
	}{
		{"duplicate linkId", func(q *Questionnaire) { q.Item[1].Item[0].LinkID = "my-name" }, "que-2"},
		{"empty group", func(q *Questionnaire) { q.Item[0].Item = nil }, "que-1"},
		{"display with children", func(q *Questionnaire) {
			findItem(q.Item, "guidance").Item = []QuestionnaireItem{{LinkID: "x", Type: "string"}}
		}, "que-1"},
		{"bad name", func(q *Questionnaire) { q.Name = "not computable" }, "que-0"},
		{"enableWhen answer type", func(q *Questionnaire) {
			findItem(q.Item, "pet-name").EnableWhen[0] = EnableWhen{Question: "has-pet", Operator: "=", AnswerString: ptr("yes")}
		}, "does not fit a boolean item"},
		{"enableWhen later item", func(q *Questionnaire) {
			findItem(q.Item, "has-pet").EnableWhen = findItem(q.Item, "pet-name").EnableWhen
		}, "not an earlier item"},
		{"option not offered", func(q *Questionnaire) { *findItem(q.Item, "sugar").EnableWhen[0].AnswerString = "Milk" }, "does not fit a choice item"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := base()
			tt.break_(q)
			p := strings.Join(questionnaireProblems(q), "\n")
			if !strings.Contains(p, tt.want) {
				t.Errorf("problems %q do not mention %q", p, tt.want)
			}
		})
	}
}

func TestComputableName(t *testing.T) {
	tests := map[string]string{
		"Trusted Assessor discharge assessment": "TrustedAssessorDischargeAssessment",
		"Zoë's first-person form (v2)":          "ZoesFirstPersonFormV2",
		"2nd review":                            "Q2ndReview",
		"":                                      "Questionnaire",
		"¿¡ ✓":                                  "Questionnaire",
		strings.Repeat("ab ", 200):              "Ab" + strings.Repeat("Ab", 126) + "A",
	}
	for title, want := range tests {
		got := ComputableName(title)
		if got != want || !namePattern.MatchString(got) {
			t.Errorf("ComputableName(%q) = %q, want %q matching the R4 pattern", title, got, want)
		}
	}
}

func TestDefaultTemplateExportsCleanly(t *testing.T) {
	q := ToQuestionnaire(forms.DefaultTemplate(), testQuestionnaireMeta)
	if p := questionnaireProblems(q); len(p) > 0 {
		t.Errorf("problems:\n%s", strings.Join(p, "\n"))
	}
	var generic map[string]any
	if err := json.Unmarshal(mustJSON(t, q), &generic); err != nil || generic["name"] != "TrustedAssessorDischargeAssessment" {
		t.Errorf("name %v (err %v)", generic["name"], err)
	}
}
