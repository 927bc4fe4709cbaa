package forms

import (
	"strings"
	"testing"
	"time"
)

func TestPersonFieldAndNotFutureInTheSchema(t *testing.T) {
	base := func(qs ...Question) *Schema {
		return &Schema{Title: "My form", Sections: []Section{{ID: "s", Title: "About me", Questions: qs}}}
	}
	for _, tc := range []struct {
		name  string
		s     *Schema
		field string
		want  string
	}{
		{"unknown detail", base(Question{ID: "a", Label: "My name", Type: TypeText, PersonField: "surname"}), "a", "not a person detail"},
		{"name on a date", base(Question{ID: "a", Label: "My name", Type: TypeDate, PersonField: PersonName}), "a", "text question"},
		{"birth date on text", base(Question{ID: "a", Label: "My birthday", Type: TypeText, PersonField: PersonDateOfBirth}), "a", "date question"},
		{"bound twice", base(Question{ID: "a", Label: "My name", Type: TypeText, PersonField: PersonName},
			Question{ID: "b", Label: "My name again", Type: TypeText, PersonField: PersonName}), "b", `"a" already`},
		{"not_future on text", base(Question{ID: "a", Label: "My day", Type: TypeText, NotFuture: true}), "a", "only a date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fields := validationFields(t, tc.s.Validate())
			if !strings.Contains(fields[tc.field], tc.want) {
				t.Fatalf("fields %v, want %q in %s", fields, tc.want, tc.field)
			}
		})
	}
	ok := base(Question{ID: "a", Label: "My name", Type: TypeText, PersonField: PersonName},
		Question{ID: "b", Label: "My NHS number", Type: TypeText, PersonField: PersonNHSNumber},
		Question{ID: "c", Label: "My date of birth", Type: TypeDate, PersonField: PersonDateOfBirth, NotFuture: true})
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	if b := DefaultTemplate().PersonBindings(); len(b) != 3 || b["my-name"] != PersonName || b["nhs-number"] != PersonNHSNumber || b["date-of-birth"] != PersonDateOfBirth {
		t.Fatalf("default template bindings %v", b)
	}
}

func TestNotFutureDates(t *testing.T) {
	s := DefaultTemplate()
	today := time.Date(2026, 3, 14, 23, 59, 0, 0, time.UTC)
	if err := s.CheckDates(Answers{"sign-off-date": "2026-03-14"}, today); err != nil {
		t.Fatalf("today refused: %v", err)
	}
	fields := validationFields(t, s.CheckDates(Answers{"sign-off-date": "2026-03-15"}, today))
	if !strings.Contains(fields["sign-off-date"], "Date of my assessment") || !strings.Contains(fields["sign-off-date"], "future") {
		t.Fatalf("tomorrow: %v", fields)
	}
}

func TestTakePersonMovesBoundAnswersIntoThePerson(t *testing.T) {
	s := DefaultTemplate()
	p := Person{Name: "Zoë", NHSNumber: "9434765919", DateOfBirth: "1941-03-03"}
	today := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	rest, np, err := s.TakePerson(Answers{"my-name": "  Zoë   O'Brien ", "nhs-number": "", "interpreter": true}, p, today)
	if err != nil || np.Name != "Zoë O'Brien" || np.NHSNumber != "" || len(rest) != 1 || rest["interpreter"] != true {
		t.Fatalf("rest %v person %+v err %v", rest, np, err)
	}
	_, _, err = s.TakePerson(Answers{"nhs-number": 9434765919.0}, p, today)
	if f := validationFields(t, err); f["nhs-number"] == "" {
		t.Fatalf("a number for the NHS number: %v", f)
	}
	shown := s.WithPerson(Answers{"interpreter": true}, p)
	if shown["my-name"] != "Zoë" || shown["nhs-number"] != "943 476 5919" || shown["date-of-birth"] != "1941-03-03" {
		t.Fatalf("WithPerson %v", shown)
	}
}
