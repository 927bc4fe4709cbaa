package fhir

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"firstperson/forms"
)

// FuzzFromQuestionnaire checks that import never panics, fails only with
// the two documented kinds of error, and that whatever it accepts is a
// valid template which exports cleanly and comes back unchanged.
func FuzzFromQuestionnaire(f *testing.F) {
	f.Add(mustJSON(f, ToQuestionnaire(forms.DefaultTemplate(), testQuestionnaireMeta)))
	f.Add(mustJSON(f, ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta)))
	f.Add([]byte(foreignQuestionnaire))
	for _, seed := range []string{
		`{"resourceType":"Questionnaire","item":[{"linkId":"a","type":"group","text":"A","item":[{"linkId":"b","type":"group","text":"B","item":[{"linkId":"c","type":"group","repeats":true,"text":"C","item":[{"linkId":"d","type":"group","item":[{"linkId":"e","type":"string","text":"E"}]}]}]}]}]}`,
		`{"resourceType":"Questionnaire","title":"x","item":[{"linkId":"q","type":"boolean","text":"Q"},{"linkId":"r","type":"string","text":"R","enableWhen":[{"question":"q","operator":"=","answerBoolean":false}]}]}`,
		`{"resourceType":"Questionnaire","title":"t","item":[{"linkId":"g","type":"group","text":"G","item":[{"linkId":"c","type":"choice","text":"C","answerOption":[{"valueCoding":{"code":"a"}},{"valueCoding":{"code":"b","display":"B"}}]},{"linkId":"d","type":"display","text":"D","enableWhen":[{"question":"c","operator":"=","answerCoding":{"code":"b"}}]}]}]}`,
		`{"resourceType":"Questionnaire","title":"t","item":[{"linkId":"g.section","type":"group","text":"G","item":[{"linkId":"g.empty","type":"display"}]}]}`,
		`{"resourceType":"Patient"}`,
		`{"resourceType":"Questionnaire","item":[]}`,
		`[]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, warnings, err := FromQuestionnaire(data)
		if err != nil {
			var ve *forms.ValidationError
			if !errors.Is(err, forms.ErrMalformed) && !errors.As(err, &ve) {
				t.Fatalf("error of an undocumented kind %T: %v", err, err)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted an invalid schema: %v", err)
		}
		for _, w := range warnings {
			if strings.TrimSpace(w.Message) == "" {
				t.Fatalf("warning without a message: %+v", w)
			}
		}
		q := ToQuestionnaire(s, testQuestionnaireMeta)
		if p := questionnaireProblems(q); len(p) > 0 {
			t.Fatalf("the imported template exports badly:\n%s", strings.Join(p, "\n"))
		}
		again, w2, err := FromQuestionnaire(mustJSON(t, q))
		if err != nil {
			t.Fatalf("re-import: %v", err)
		}
		if len(w2) > 0 {
			t.Fatalf("re-importing our own export warned: %+v", w2)
		}
		if got, want := asGeneric(t, again), asGeneric(t, s); !reflect.DeepEqual(got, want) {
			t.Fatalf("second round trip changed the schema\ngot  %s\nwant %s", mustJSON(t, got), mustJSON(t, want))
		}
	})
}
