package fhir

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"firstperson/forms"
)

func TestFromQuestionnaireRefuses(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		malformed bool   // else a *forms.ValidationError
		field     string // the field the ValidationError names
	}{
		{"not JSON", `Questionnaire`, true, ""},
		{"truncated", `{"resourceType":"Questionnaire","item":[`, true, ""},
		{"trailing data", `{"resourceType":"Questionnaire"} {}`, true, ""},
		{"array", `[{"resourceType":"Questionnaire"}]`, true, ""},
		{"wrong shape", `{"resourceType":"Questionnaire","item":[{"linkId":"a","type":"string","required":"yes"}]}`, true, ""},
		{"empty", ``, true, ""},
		{"patient", `{"resourceType":"Patient","name":[{"text":"Ann"}]}`, false, "resourceType"},
		{"response", `{"resourceType":"QuestionnaireResponse","status":"completed"}`, false, "resourceType"},
		{"no resourceType", `{"item":[{"linkId":"a","type":"string"}]}`, false, "resourceType"},
		{"resourceType not text", `{"resourceType":7}`, false, "resourceType"},
		{"null", `null`, false, "resourceType"},
		{"no items", `{"resourceType":"Questionnaire","status":"active","title":"Empty"}`, false, "item"},
		{"empty items", `{"resourceType":"Questionnaire","status":"active","title":"Empty","item":[]}`, false, "item"},
		{"breaks the template rules", `{"resourceType":"Questionnaire","title":"T","item":[{"linkId":"g","type":"group","text":"G","item":[` +
			`{"linkId":"q","type":"string","text":"` + strings.Repeat("long ", 200) + `"}]}]}`, false, "q"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, err := FromQuestionnaire([]byte(tt.in))
			if err == nil {
				t.Fatalf("imported %+v, want an error", s)
			}
			if got := errors.Is(err, forms.ErrMalformed); got != tt.malformed {
				t.Fatalf("errors.Is(ErrMalformed) = %v, want %v (err %v)", got, tt.malformed, err)
			}
			if tt.malformed {
				return
			}
			var ve *forms.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err %T %v, want *forms.ValidationError", err, err)
			}
			if _, ok := ve.Fields[tt.field]; !ok {
				t.Errorf("fields %v do not name %q", ve.Fields, tt.field)
			}
		})
	}
}

// foreignQuestionnaire is a made-up Questionnaire from another system, using
// what Firstperson can only approximate.
const foreignQuestionnaire = `{
 "resourceType": "Questionnaire", "status": "active", "name": "OtherForm",
 "item": [
  {"linkId": "1", "type": "string", "text": "Name used by me"},
  {"linkId": "2", "type": "group", "text": "Health",
   "item": [
    {"linkId": "2.1", "type": "integer", "text": "Falls this year"},
    {"linkId": "2.2", "type": "choice", "text": "Mobility",
     "answerOption": [
      {"valueCoding": {"system": "http://example.org/mob", "code": "ind", "display": "Independent"}},
      {"valueCoding": {"system": "http://example.org/mob", "code": "aid"}},
      {"valueString": "Independent"},
      {"valueInteger": 3}]},
    {"linkId": "2.3", "type": "string", "text": "Aid details",
     "enableWhen": [{"question": "2.2", "operator": "=", "answerCoding": {"system": "http://example.org/mob", "code": "aid"}}]},
    {"linkId": "2.4", "type": "group", "text": "Skin",
     "item": [
      {"linkId": "2.4.1", "type": "boolean", "text": "Pressure sore"},
      {"linkId": "2.4.2", "type": "text", "text": "Where",
       "enableWhen": [{"question": "2.4.1", "operator": "=", "answerBoolean": true}]},
      {"linkId": "2.4.3", "type": "group", "text": "Deeper", "item": [{"linkId": "2.4.3.1", "type": "date", "text": "Seen on"}]}]},
    {"linkId": "2.5", "type": "decimal", "text": "Weight",
     "enableWhen": [{"question": "2.1", "operator": ">", "answerInteger": 1}]},
    {"linkId": "2.6", "type": "string", "text": "Either",
     "enableBehavior": "any",
     "enableWhen": [{"question": "2.1", "operator": "=", "answerInteger": 1}, {"question": "2.4.1", "operator": "=", "answerBoolean": true}]},
    {"linkId": "2.7", "type": "quantity", "text": "Height"},
    {"linkId": "2.8", "type": "open-choice", "text": "Diet", "repeats": true, "answerOption": [{"valueString": "Soft"}, {"valueString": "Normal"}]},
    {"linkId": "2.9", "type": "choice", "text": "Coded elsewhere", "answerValueSet": "http://example.org/ValueSet/x"},
    {"linkId": "2.10", "type": "dateTime", "text": "Admitted at"},
    {"linkId": "2.11", "type": "attachment", "text": "Photo"},
    {"linkId": "2.12", "type": "group", "repeats": true, "text": "Medicines",
     "item": [{"linkId": "2.12.1", "type": "string", "text": "Medicine"}, {"linkId": "2.12.2", "type": "decimal", "text": "Dose mg"}]},
    {"linkId": "2.13", "type": "string", "text": "Later condition",
     "enableWhen": [{"question": "2.14", "operator": "=", "answerBoolean": true}]},
    {"linkId": "2.14", "type": "boolean", "text": "Answered after"}
   ]},
  {"linkId": "Notes!", "type": "text", "text": "Notes",
   "item": [{"linkId": "Notes!.h", "type": "display", "text": "Anything else",
     "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
       "valueCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help"}]}}]}]}
 ]}`

func TestFromQuestionnaireApproximates(t *testing.T) {
	s, warnings, err := FromQuestionnaire([]byte(foreignQuestionnaire))
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if s.Title != "OtherForm" {
		t.Errorf("title %q, want the name when there is no title", s.Title)
	}
	var got []string
	for _, sec := range s.Sections {
		got = append(got, "section "+sec.ID+" "+sec.Title)
		for _, q := range sec.Questions {
			line := q.ID + " " + string(q.Type) + " " + q.Label
			if len(q.Options) > 0 {
				line += " " + strings.Join(q.Options, "|")
			}
			for _, c := range q.Columns {
				line += " [" + c.ID + ":" + c.Label + "]"
			}
			if q.Hint != "" {
				line += " hint=" + q.Hint
			}
			if q.ShowIf != nil {
				line += " if " + q.ShowIf.Question + "=" + string(mustJSON(t, q.ShowIf.Equals))
			}
			got = append(got, line)
		}
	}
	want := []string{
		"section questions Questions",
		"1 text Name used by me",
		"section 2 Health",
		"2-1 number Falls this year",
		"2-2 choice Mobility Independent|aid|3",
		`2-3 text Aid details if 2-2="aid"`,
		"2-4 info Skin",
		"2-4-1 yesno Pressure sore",
		"2-4-2 longtext Where if 2-4-1=true",
		"2-4-3 info Deeper",
		"2-4-3-1 date Seen on",
		"2-5 number Weight",
		"2-6 text Either",
		"2-7 number Height",
		"2-8 multichoice Diet Soft|Normal",
		"2-9 text Coded elsewhere",
		"2-10 date Admitted at",
		"2-11 signature Photo",
		"2-12 table Medicines [1:Medicine] [2:Dose mg]",
		"2-13 text Later condition",
		"2-14 yesno Answered after",
		"section questions-2 Questions",
		"notes longtext Notes hint=Anything else",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("schema:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	warned := map[string]string{}
	for _, w := range warnings {
		warned[w.LinkID] += w.Message + "; "
	}
	for linkID, about := range map[string]string{
		"1": "gathered", "2.1": "integer", "2.2": "listed twice", "2.4": "flattened", "2.4.3": "flattened",
		"2.5": `operator "="`, "2.6": "any of 2", "2.7": "unit", "2.8": "open-choice", "2.9": "value set",
		"Notes!": "gathered", "2.10": "time of day", "2.11": "signature", "2.12.2": "text column", "2.13": "earlier question",
	} {
		if !strings.Contains(warned[linkID], about) {
			t.Errorf("warnings for %q = %q, want one about %q", linkID, warned[linkID], about)
		}
	}
	for _, quiet := range []string{"2.3", "2.4.1", "2.4.2", "2.14", "2.12.1"} {
		if warned[quiet] != "" {
			t.Errorf("unexpected warning for %q: %s", quiet, warned[quiet])
		}
	}
}

func TestFromQuestionnaireIDs(t *testing.T) {
	tests := []struct {
		name     string
		linkIDs  []string
		want     []string
		warnings int // one per id changed to stay unique
	}{
		{"valid ids kept", []string{"a", "b_2", "c--d"}, []string{"a", "b_2", "c--d"}, 0},
		{"slugified", []string{"Q 1", "Ünïcode/ok", "--x--", "日本"}, []string{"q-1", "unicode-ok", "x", "item"}, 0},
		{"made unique", []string{"A", "a", "a.", "A!", "sec"}, []string{"a", "a-2", "a-3", "a-4", "sec-2"}, 4},
		{"long", []string{strings.Repeat("x", 80), strings.Repeat("X", 80)}, []string{strings.Repeat("x", 64), strings.Repeat("x", 62) + "-2"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := Questionnaire{ResourceType: "Questionnaire", Title: "Ids", Status: "draft",
				Item: []QuestionnaireItem{{LinkID: "sec", Type: "group", Text: "Section"}}}
			for i, id := range tt.linkIDs {
				q.Item[0].Item = append(q.Item[0].Item, QuestionnaireItem{LinkID: id, Type: "string", Text: "Question " + string(rune('A'+i))})
			}
			s, warnings, err := FromQuestionnaire(mustJSON(t, q))
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings %+v, want %d", warnings, tt.warnings)
			}
			var got []string
			for _, fq := range s.Questions() {
				got = append(got, fq.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ids %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFromQuestionnaireSeveralConditions(t *testing.T) {
	q := `{"resourceType":"Questionnaire","title":"T","item":[{"linkId":"g","type":"group","text":"G","item":[
	 {"linkId":"a","type":"boolean","text":"A"},
	 {"linkId":"b","type":"string","text":"B"},
	 {"linkId":"c","type":"string","text":"C","enableBehavior":"all","enableWhen":[
	   {"question":"a","operator":"!=","answerBoolean":true},
	   {"question":"b","operator":"=","answerString":"yes"},
	   {"question":"a","operator":"=","answerBoolean":true}]}]}]}`
	s, warnings, err := FromQuestionnaire([]byte(q))
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if got := s.Question("c").ShowIf; got == nil || got.Question != "b" || got.Equals != "yes" {
		t.Errorf("show_if %+v, want the first usable condition b = yes", got)
	}
	if len(warnings) != 2 {
		t.Errorf("warnings %+v, want one for the dropped != and one for the condition left over", warnings)
	}
}

func TestImportWarningJSON(t *testing.T) {
	got := string(mustJSON(t, ImportWarning{LinkID: "2.1", Message: "m"}))
	if want := `{"link_id":"2.1","message":"m"}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	_, warnings, err := FromQuestionnaire(mustJSON(t, ToQuestionnaire(everyTypeSchema(), QuestionnaireMeta{})))
	if err != nil || warnings == nil {
		t.Errorf("warnings %v (err %v): want an empty, non-nil list so the API answers []", warnings, err)
	}
}

func TestFromQuestionnaireDropsConditionsItCannotKeep(t *testing.T) {
	items := `{"linkId":"yn","type":"boolean","text":"YN"},
	 {"linkId":"ch","type":"choice","text":"CH","answerOption":[{"valueString":"A"},{"valueString":"B"}]},
	 {"linkId":"dt","type":"date","text":"DT"},
	 {"linkId":"tb","type":"group","repeats":true,"text":"TB","item":[{"linkId":"tb.c","type":"string","text":"C"}]},`
	tests := []struct {
		name, enableWhen, want string
	}{
		{"not an option", `{"question":"ch","operator":"=","answerString":"Z"}`, `"Z" is not one of the options`},
		{"on a date", `{"question":"dt","operator":"=","answerDate":"2026-01-01"}`, "date question"},
		{"on a column", `{"question":"tb.c","operator":"=","answerString":"x"}`, "not a question Firstperson imported"},
		{"unknown", `{"question":"nope","operator":"=","answerBoolean":true}`, "not a question Firstperson imported"},
		{"exists", `{"question":"yn","operator":"exists","answerBoolean":true}`, `not "exists"`},
		{"type mismatch", `{"question":"yn","operator":"=","answerString":"true"}`, "answer type does not match"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := `{"resourceType":"Questionnaire","title":"T","item":[{"linkId":"g","type":"group","text":"G","item":[` + items +
				`{"linkId":"last","type":"string","text":"Last","enableWhen":[` + tt.enableWhen + `]}]}]}`
			s, warnings, err := FromQuestionnaire([]byte(q))
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if c := s.Question("last").ShowIf; c != nil {
				t.Errorf("kept show_if %+v", c)
			}
			if len(warnings) != 1 || warnings[0].LinkID != "last" || !strings.Contains(warnings[0].Message, tt.want) {
				t.Errorf("warnings %+v, want one for \"last\" mentioning %q", warnings, tt.want)
			}
		})
	}
}
